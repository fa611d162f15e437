using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Koshi.Web.Audit;

/// <summary>
/// A signed statement that the log had <see cref="TreeSize"/> entries with Merkle root <see cref="RootHash"/> at
/// <see cref="Time"/>. The signature (ECDSA P-256, SHA-256, IEEE P1363 r||s) covers <see cref="Note"/>, a text in the
/// shape of a transparency-log checkpoint: origin, size, base64 root, Unix milliseconds, one per line.
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time, string KeyId, byte[] Signature)
{
    [JsonIgnore]
    public string Note => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n{Time.ToUnixTimeMilliseconds()}\n");

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static AuditCheckpointRecord ToRecord(Checkpoint c) =>
        new() { Origin = c.Origin, TreeSize = c.TreeSize, RootHash = c.RootHash, Time = c.Time, KeyId = c.KeyId, Signature = c.Signature };

    public static Checkpoint FromRecord(AuditCheckpointRecord r) => new(r.Origin, r.TreeSize, r.RootHash, r.Time, r.KeyId, r.Signature);

    /// <summary>Reads checkpoints, one JSON object a line (a checkpoint file), or one JSON object or array (a saved answer).</summary>
    public static List<Checkpoint> Parse(string text, string source)
    {
        // A saved answer of GET /api/v1/audit/checkpoints, one checkpoint, or an array; else a file of lines.
        JsonDocument? whole = null;
        try
        {
            whole = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
        }

        if (whole is not null)
        {
            using (whole)
            {
                var root = whole.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("checkpoints", out var list))
                {
                    root = list;
                }

                return root.ValueKind == JsonValueKind.Array
                    ? root.EnumerateArray().Select((e, i) => Read(e, $"{source}: checkpoint {i + 1}")).ToList()
                    : [Read(root, source)];
            }
        }

        var result = new List<Checkpoint>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                result.Add(Read(document.RootElement, $"{source}:{i + 1}"));
            }
            catch (JsonException e)
            {
                throw new FormatException($"{source}:{i + 1}: {e.Message}", e);
            }
        }

        return result;
    }

    private static Checkpoint Read(JsonElement e, string where)
    {
        try
        {
            var checkpoint = e.Deserialize<Checkpoint>(JsonSerializerOptions.Web)
                ?? throw new FormatException($"{where}: not a checkpoint");
            if (checkpoint.Origin is null || checkpoint.KeyId is null || checkpoint.RootHash is not { Length: 32 } || checkpoint.Signature is null || checkpoint.TreeSize < 0)
            {
                throw new FormatException($"{where}: a checkpoint needs origin, treeSize, a 32-byte rootHash, time, keyId and signature");
            }

            return checkpoint;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// The checkpoint signing key (a PEM file named by configuration, never in the database) and the public keys
/// checkpoints are verified with: the signing key's own and every PEM public key in the keys folder, where the key of
/// each rotation stays so older checkpoints still verify. The key id is the SHA-256 of the public key's
/// SubjectPublicKeyInfo, in hex.
/// </summary>
public sealed class AuditKeys
{
    public const string Algorithm = "ECDSA-P256-SHA256";
    private readonly ECDsa? signing;
    private readonly Dictionary<string, (ECDsa Key, string Pem)> trusted = new(StringComparer.Ordinal);

    public AuditKeys(ECDsa? signing, IEnumerable<ECDsa> publicKeys)
    {
        this.signing = signing;
        foreach (var key in publicKeys.Prepend(signing).OfType<ECDsa>())
        {
            trusted.TryAdd(KeyIdOf(key), (key, key.ExportSubjectPublicKeyInfoPem()));
        }

        KeyId = signing is null ? null : KeyIdOf(signing);
    }

    public string? KeyId { get; }

    public IEnumerable<(string KeyId, string PublicKeyPem)> PublicKeys => trusted.Select(t => (t.Key, t.Value.Pem));

    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>Loads the public keys of a PEM file, or of every *.pem file in a folder.</summary>
    public static List<ECDsa> LoadPublicKeys(string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.pem").Order(StringComparer.Ordinal).ToArray() : [path];
        var keys = new List<ECDsa>();
        foreach (var file in files)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(file));
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>
    /// The signing key from <paramref name="keyFile"/>; when the file is missing it is made (P-256) only if
    /// <paramref name="createIfMissing"/> (Development), else the start fails naming the setting. Its public key is
    /// written to <paramref name="keysFolder"/>, and every public key there is trusted.
    /// </summary>
    public static AuditKeys Open(string keyFile, string keysFolder, bool createIfMissing)
    {
        if (!File.Exists(keyFile))
        {
            if (!createIfMissing)
            {
                throw new InvalidOperationException(
                    $"The audit checkpoint signing key '{keyFile}' does not exist: set Koshi:Audit:SigningKeyFile to a PEM file with an EC P-256 private key (see docs/architecture.md).");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(keyFile, created.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var signing = ECDsa.Create();
        signing.ImportFromPem(File.ReadAllText(keyFile));
        Directory.CreateDirectory(keysFolder);
        var own = Path.Combine(keysFolder, KeyIdOf(signing) + ".pem");
        if (!File.Exists(own))
        {
            File.WriteAllText(own, signing.ExportSubjectPublicKeyInfoPem());
        }

        return new AuditKeys(signing, LoadPublicKeys(keysFolder));
    }

    public Checkpoint Sign(string origin, long size, byte[] root, DateTimeOffset time)
    {
        if (signing is null || KeyId is null)
        {
            throw new InvalidOperationException("No signing key.");
        }

        var unsigned = new Checkpoint(origin, size, root, DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()), KeyId, []);
        return unsigned with { Signature = signing.SignData(Encoding.UTF8.GetBytes(unsigned.Note), HashAlgorithmName.SHA256) };
    }

    /// <summary>True when the checkpoint's key is trusted and its signature over the note holds.</summary>
    public bool Verify(Checkpoint checkpoint) =>
        !checkpoint.Origin.Contains('\n', StringComparison.Ordinal)
        && trusted.TryGetValue(checkpoint.KeyId, out var key)
        && key.Key.VerifyData(Encoding.UTF8.GetBytes(checkpoint.Note), checkpoint.Signature, HashAlgorithmName.SHA256);
}

/// <summary>
/// The append-only checkpoint file (<c>checkpoints.jsonl</c>, one JSON checkpoint a line) outside the database. Lines
/// are only ever appended, and each append is flushed to disk before the sequencer goes on.
/// </summary>
public sealed class CheckpointFile(string folder)
{
    private static readonly Lock Gate = new();
    private long readUpTo;
    private long lastSize;

    public string Path { get; } = System.IO.Path.Combine(folder, "checkpoints.jsonl");

    public List<Checkpoint> ReadAll()
    {
        lock (Gate)
        {
            return File.Exists(Path) ? Checkpoint.Parse(ReadShared(), Path) : [];
        }
    }

    /// <summary>The size of the largest checkpoint this process knows the file to hold (another process may have appended more).</summary>
    public long LastSize
    {
        get
        {
            lock (Gate)
            {
                return lastSize;
            }
        }
    }

    /// <summary>Appends the checkpoints larger than the file's last one, in order of size; returns how many it wrote.</summary>
    public int AppendNewer(IEnumerable<Checkpoint> checkpoints)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(folder);
            using var stream = OpenExclusive();
            if (stream.Length > readUpTo)
            {
                // Another process sharing this folder appended: learn its last checkpoint.
                stream.Position = readUpTo;
                using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
                var tail = Checkpoint.Parse(reader.ReadToEnd(), Path);
                lastSize = tail.Count > 0 ? Math.Max(lastSize, tail.Max(c => c.TreeSize)) : lastSize;
            }

            var written = 0;
            stream.Seek(0, SeekOrigin.End);
            foreach (var checkpoint in checkpoints.Where(c => c.TreeSize > lastSize).OrderBy(c => c.TreeSize))
            {
                stream.Write(Encoding.UTF8.GetBytes(checkpoint.ToJsonLine() + "\n"));
                lastSize = checkpoint.TreeSize;
                written++;
            }

            stream.Flush(flushToDisk: true);
            readUpTo = stream.Length;
            return written;
        }
    }

    private FileStream OpenExclusive()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Reads a checkpoint file that a sequencer may be appending to (it holds the file for a moment only).</summary>
    public static string ReadText(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return reader.ReadToEnd();
            }
            catch (IOException) when (attempt < 50 && File.Exists(path))
            {
                Thread.Sleep(20);
            }
        }
    }

    private string ReadShared() => ReadText(Path);
}
