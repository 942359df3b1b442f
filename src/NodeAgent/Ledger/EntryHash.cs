using System.Security.Cryptography;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>hash = SHA-256(previous_hash || body): the chain rule of ledger.proto.</summary>
internal static class EntryHash
{
    public const int Length = 32;

    public static readonly byte[] Genesis = new byte[Length];

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>Computes the hash into <paramref name="destination"/> (32 bytes) without allocating.</summary>
    public static bool TryCompute(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> body, Span<byte> destination) =>
        OpenSslSha256.IsAvailable
            ? OpenSslSha256.TryHash(previousHash, body, destination)
            : TryComputeThroughDotNet(previousHash, body, destination);

    /// <summary>The same through .NET's own SHA-256 (where OpenSSL 3 is not found).</summary>
    internal static bool TryComputeThroughDotNet(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var hash = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        hash.AppendData(body);
        return hash.TryGetHashAndReset(destination, out var written) && written == Length;
    }

    /// <exception cref="CryptographicException">The hash could not be computed (never a hash of zeros in its place).</exception>
    public static byte[] Compute(ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> body)
    {
        var hash = new byte[Length];
        if (!TryCompute(previousHash, body, hash))
        {
            throw new CryptographicException("SHA-256 could not be computed");
        }

        return hash;
    }
}
