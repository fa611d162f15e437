using System.Numerics;
using System.Security.Cryptography;

namespace Koshi.Web.Audit;

/// <summary>
/// The Merkle tree of RFC 6962 / RFC 9162 section 2: leaf hash SHA-256(0x00 || leaf), node hash
/// SHA-256(0x01 || left || right), the left subtree always the largest power of two below the size. Inclusion and
/// consistency proofs are made and checked exactly as the RFCs give them, so any CT-style verifier can check ours.
/// Indexes here are 0-based, as in the RFCs; the log's sequence numbers are index + 1.
/// </summary>
public static class Merkle
{
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var buffer = new byte[leaf.Length + 1];
        leaf.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[65];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n &gt; 1).</summary>
    internal static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>RFC 9162 2.1.3.2: does <paramref name="proof"/> show leaf <paramref name="index"/> in the tree of <paramref name="size"/> with <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != 32)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2: does <paramref name="proof"/> show the tree of size <paramref name="first"/> is a prefix of the one of <paramref name="second"/>?</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 1 || first > second || proof.Any(p => p.Length != 32))
        {
            return first == 0 ? proof.Count == 0 : false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<byte[]>(proof);
        if ((first & (first - 1)) == 0)
        {
            path.Insert(0, firstRoot.ToArray());
        }

        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}

/// <summary>
/// The leaf hashes of a log in order, with the hashes of complete subtrees of 256 leaves or more remembered: they
/// never change in an append-only log, so roots and proofs cost O(n / 256 + 256 log n) instead of O(n).
/// </summary>
public sealed class MerkleLeaves
{
    private const long Remembered = 256;
    private readonly List<byte[]> leaves = [];
    private readonly Dictionary<(long Start, long Count), byte[]> subtrees = [];

    public MerkleLeaves()
    {
    }

    public MerkleLeaves(IEnumerable<byte[]> hashes) => leaves.AddRange(hashes);

    public long Count => leaves.Count;

    public byte[] this[long index] => leaves[(int)index];

    public void Add(byte[] leafHash) => leaves.Add(leafHash);

    /// <summary>Drops leaves from <paramref name="count"/> on (a sequencing transaction that did not commit).</summary>
    public void Truncate(long count)
    {
        if (count >= leaves.Count)
        {
            return;
        }

        leaves.RemoveRange((int)count, leaves.Count - (int)count);
        foreach (var key in subtrees.Keys.Where(k => k.Start + k.Count > count).ToList())
        {
            subtrees.Remove(key);
        }
    }

    /// <summary>MTH(D[0:size]).</summary>
    public byte[] Root(long size)
    {
        Check(size);
        return size == 0 ? Merkle.EmptyRoot : Subtree(0, size);
    }

    /// <summary>RFC 6962 PATH(index, D[0:size]).</summary>
    public List<byte[]> InclusionProof(long index, long size)
    {
        Check(size);
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    /// <summary>RFC 6962 PROOF(first, D[0:second]).</summary>
    public List<byte[]> ConsistencyProof(long first, long second)
    {
        Check(second);
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first));
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, proof);
        }

        return proof;
    }

    private void Check(long size)
    {
        if (size < 0 || size > leaves.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The log has {leaves.Count} entries.");
        }
    }

    private void Path(long m, long start, long n, List<byte[]> proof)
    {
        if (n <= 1)
        {
            return;
        }

        var k = Merkle.Split(n);
        if (m < k)
        {
            Path(m, start, k, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, proof);
            proof.Add(Subtree(start, k));
        }
    }

    private void SubProof(long m, long start, long n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, n));
            }

            return;
        }

        var k = Merkle.Split(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, proof);
            proof.Add(Subtree(start, k));
        }
    }

    private byte[] Subtree(long start, long count)
    {
        if (count == 1)
        {
            return leaves[(int)start];
        }

        var complete = count >= Remembered && (count & (count - 1)) == 0;
        if (complete && subtrees.TryGetValue((start, count), out var known))
        {
            return known;
        }

        var k = Merkle.Split(count);
        var hash = Merkle.NodeHash(Subtree(start, k), Subtree(start + k, count - k));
        if (complete)
        {
            subtrees[(start, count)] = hash;
        }

        return hash;
    }
}
