using System.Security.Cryptography;
using ExchangeNode.NodeAgent.Ledger;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class EntryHashTests
{
    public static TheoryData<int> BodyLengths => [0, 1, 31, 55, 56, 64, 280, 1000, 70_000];

    private static byte[] Expected(byte[] previous, byte[] body) => SHA256.HashData([.. previous, .. body]);

    private static (byte[] Previous, byte[] Body) Input(int bodyLength)
    {
        var random = new Random(bodyLength);
        var previous = new byte[EntryHash.Length];
        var body = new byte[bodyLength];
        random.NextBytes(previous);
        random.NextBytes(body);
        return (previous, body);
    }

    [Theory]
    [MemberData(nameof(BodyLengths))]
    public void Compute_AnyBody_IsSha256OfThePreviousHashThenTheBody(int bodyLength)
    {
        var (previous, body) = Input(bodyLength);

        Assert.Equal(Expected(previous, body), EntryHash.Compute(previous, body));
    }

    [Theory]
    [MemberData(nameof(BodyLengths))]
    public void TryComputeThroughDotNet_AnyBody_GivesTheSameHash(int bodyLength)
    {
        var (previous, body) = Input(bodyLength);
        var hash = new byte[EntryHash.Length];

        Assert.True(EntryHash.TryComputeThroughDotNet(previous, body, hash));
        Assert.Equal(Expected(previous, body), hash);
    }

    [Fact]
    public void Compute_OnManyThreadsAtOnce_EachGetsItsOwnHash()
    {
        var inputs = Enumerable.Range(1, 64).Select(Input).ToList();

        var hashes = inputs.AsParallel().AsOrdered().WithDegreeOfParallelism(4)
            .Select(input => Enumerable.Range(0, 200).Select(_ => EntryHash.Compute(input.Previous, input.Body)).Distinct(new BytesComparer()).Single())
            .ToList();

        Assert.Equal(inputs.Select(input => Expected(input.Previous, input.Body)), hashes);
    }

    [Fact]
    public void OpenSsl_OnLinux_IsWhatHashes()
    {
        // .NET on Linux needs OpenSSL itself, so libcrypto 3 is there; elsewhere the fallback hashes.
        Assert.Equal(OperatingSystem.IsLinux(), OpenSslSha256.IsAvailable);
    }

    [Fact]
    public void TryCompute_DestinationTooShort_ReturnsFalse()
    {
        var (previous, body) = Input(10);

        Assert.False(EntryHash.TryCompute(previous, body, new byte[16]));
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj);
    }
}
