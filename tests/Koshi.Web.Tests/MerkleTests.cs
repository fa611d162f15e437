using Koshi.Web.Audit;

namespace Koshi.Web.Tests;

/// <summary>The tree, its proofs and the entry encoding, against RFC 6962's reference vectors and by tampering.</summary>
public sealed class MerkleTests
{
    // The reference leaves and roots of Certificate Transparency's test data (RFC 6962 implementations share them).
    private static readonly string[] ReferenceLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] ReferenceRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static MerkleLeaves Reference() => new(ReferenceLeaves.Select(h => Merkle.LeafHash(Convert.FromHexString(h))));

    private static MerkleLeaves Tree(int size) => new(Enumerable.Range(0, size).Select(i => Merkle.LeafHash(BitConverter.GetBytes(i))));

    [Fact]
    public void Roots_match_the_RFC_6962_reference_tree()
    {
        var tree = Reference();
        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(ReferenceRoots[size], Convert.ToHexStringLower(tree.Root(size)));
        }
    }

    [Fact]
    public void The_inclusion_proof_of_the_first_leaf_is_the_reference_one()
    {
        var proof = Reference().InclusionProof(0, 8).Select(Convert.ToHexStringLower).ToArray();
        Assert.Equal(
            ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            proof);
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_no_altered_one_does()
    {
        var tree = Tree(70);
        for (var size = 1; size <= 70; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.True(Merkle.VerifyInclusion(index, size, tree[index], proof, root), $"leaf {index} of {size}");
                Assert.False(Merkle.VerifyInclusion(index, size, tree[(index + 1) % 70], proof, root), $"other leaf at {index} of {size}");
                if (size > 1)
                {
                    Assert.False(Merkle.VerifyInclusion((index + 1) % size, size, tree[index], proof, root), $"wrong index {index} of {size}");
                    var altered = proof.Select(p => p.ToArray()).ToList();
                    altered[index % altered.Count][7] ^= 1;
                    Assert.False(Merkle.VerifyInclusion(index, size, tree[index], altered, root), $"altered proof {index} of {size}");
                    Assert.False(Merkle.VerifyInclusion(index, size, tree[index], proof.Take(proof.Count - 1).ToList(), root), $"short proof {index} of {size}");
                }

                if (size < 70)
                {
                    Assert.False(Merkle.VerifyInclusion(index, size + 1, tree[index], proof, tree.Root(size + 1)), $"other tree {index} of {size}");
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_no_altered_one_does()
    {
        var tree = Tree(48);
        for (var second = 1; second <= 48; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = tree.ConsistencyProof(first, second);
                Assert.True(Merkle.VerifyConsistency(first, second, tree.Root(first), tree.Root(second), proof), $"{first} -> {second}");
                if (first < second)
                {
                    var altered = proof.Select(p => p.ToArray()).ToList();
                    altered[^1][0] ^= 0x80;
                    Assert.False(Merkle.VerifyConsistency(first, second, tree.Root(first), tree.Root(second), altered), $"altered {first} -> {second}");
                    Assert.False(Merkle.VerifyConsistency(first, second, tree.Root(first - 1 == 0 ? 2 : first - 1), tree.Root(second), proof), $"other first root {first} -> {second}");
                    Assert.False(Merkle.VerifyConsistency(first, second, tree.Root(first), tree.Root(second - 1), proof), $"other second root {first} -> {second}");
                    Assert.False(Merkle.VerifyConsistency(first, second, tree.Root(first), tree.Root(second), []), $"empty proof {first} -> {second}");
                }
            }
        }
    }

    [Fact]
    public void A_rewritten_history_is_not_consistent_with_the_old_root()
    {
        var honest = Tree(20);
        var rewritten = new MerkleLeaves(Enumerable.Range(0, 20).Select(i => i == 6 ? Merkle.LeafHash("forged"u8) : honest[i]));
        var proof = rewritten.ConsistencyProof(10, 20);
        Assert.False(Merkle.VerifyConsistency(10, 20, honest.Root(10), rewritten.Root(20), proof));
    }

    [Fact]
    public void Moving_a_field_boundary_changes_the_leaf_hash()
    {
        var at = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        var original = new AuditEntry { At = at, Actor = "u-17 (Aigerim\nofficer)", Action = "residence.decide", Entity = "ResidenceApplication", EntityId = "42" };
        var moved = new AuditEntry { At = at, Actor = "u-17 (Aigerim", Action = "officer)\nresidence.decide", Entity = "ResidenceApplication", EntityId = "42" };

        // The former hash joined the fields with '\n', so both entries gave it the same text and the same hash.
        static string Joined(AuditEntry e) => string.Join('\n', 5, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action, e.Entity, e.EntityId, e.Before, e.After);
        Assert.Equal(Joined(original), Joined(moved));

        Assert.NotEqual(Convert.ToHexString(AuditLeaf.Hash(original, 5)), Convert.ToHexString(AuditLeaf.Hash(moved, 5)));
        Assert.NotEqual(Convert.ToHexString(AuditLeaf.Hash(original, 5)), Convert.ToHexString(AuditLeaf.Hash(original, 6)));
        Assert.Equal(Convert.ToHexString(AuditLeaf.Hash(original, 5)), Convert.ToHexString(AuditLeaf.Hash(original, 5)));
    }
}
