using System.Security.Cryptography;
using Koshi.Web.Audit;

namespace Koshi.Web.Tests;

/// <summary>The checkpoint signing key: provisioned outside the database, named by key id, trusted only when known.</summary>
public sealed class AuditKeyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"koshi-keys-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_key_fails_the_start_unless_it_may_be_made()
    {
        var file = Path.Combine(folder, "signing-key.pem");
        var refused = Assert.Throws<InvalidOperationException>(() => AuditKeys.Open(file, Path.Combine(folder, "keys"), createIfMissing: false));
        Assert.Contains("Koshi:Audit:SigningKeyFile", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        var keys = AuditKeys.Open(file, Path.Combine(folder, "keys"), createIfMissing: true);
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(file));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), keys.KeyId);
        Assert.True(File.Exists(Path.Combine(folder, "keys", keys.KeyId + ".pem")));
        Assert.Equal(keys.KeyId, AuditKeys.Open(file, Path.Combine(folder, "keys"), createIfMissing: false).KeyId);
    }

    [Fact]
    public void Checkpoints_verify_with_a_trusted_key_only_and_not_once_altered()
    {
        var keys = AuditKeys.Open(Path.Combine(folder, "a.pem"), Path.Combine(folder, "keys"), createIfMissing: true);
        var root = SHA256.HashData("root"u8);
        var checkpoint = keys.Sign("koshi.kz/audit", 42, root, new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
        Assert.True(keys.Verify(checkpoint));
        Assert.Equal(checkpoint, Checkpoint.Parse(checkpoint.ToJsonLine(), "line").Single() with { RootHash = checkpoint.RootHash, Signature = checkpoint.Signature });
        Assert.True(keys.Verify(Checkpoint.Parse(checkpoint.ToJsonLine(), "line").Single()));
        Assert.False(keys.Verify(checkpoint with { TreeSize = 43 }));
        Assert.False(keys.Verify(checkpoint with { RootHash = SHA256.HashData("other"u8) }));
        Assert.False(keys.Verify(checkpoint with { Time = checkpoint.Time.AddSeconds(1) }));
        Assert.False(keys.Verify(checkpoint with { Origin = "koshi.kz/audit\n42" }));

        // A key the verifier was not given (a forger's) does not verify, whatever key id it claims.
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new AuditKeys(forger, []).Sign("koshi.kz/audit", 42, root, checkpoint.Time);
        Assert.False(keys.Verify(forged));
        Assert.False(keys.Verify(forged with { KeyId = checkpoint.KeyId }));

        // After a rotation the old public key stays in the keys folder, so old checkpoints still verify.
        var rotated = AuditKeys.Open(Path.Combine(folder, "b.pem"), Path.Combine(folder, "keys"), createIfMissing: true);
        Assert.NotEqual(keys.KeyId, rotated.KeyId);
        Assert.True(rotated.Verify(checkpoint));
        Assert.True(rotated.Verify(rotated.Sign("koshi.kz/audit", 50, root, checkpoint.Time)));
    }
}
