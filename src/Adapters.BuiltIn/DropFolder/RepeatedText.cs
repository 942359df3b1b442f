using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The strings last made of short UTF-8 values, found again by their bytes: a sheet's cells repeat
/// a few texts over and over (a column of event kinds, posts, power codes, departments), and each
/// repeat then costs a hash and a comparison of its bytes instead of a decoding and a new string.
/// </summary>
/// <remarks>
/// A fixed table of <see cref="Slots"/> slots, each holding one value's bytes and its string: a value
/// takes the slot its hash names, in place of what was there. Its memory stays the same however many
/// different values a file has (about 40 KB and the strings of the values held), and a value met once
/// (a time, a document number) costs one copy of its bytes more than it did.
/// </remarks>
internal sealed class RepeatedText
{
    /// <summary>The longest value kept, in bytes: longer ones (titles, opinions) are seldom repeated exactly.</summary>
    public const int MaxBytes = 32;

    private const int Slots = 1024;

    private readonly byte[] _bytes = new byte[Slots * MaxBytes];
    private readonly int[] _lengths = new int[Slots];
    private readonly string?[] _texts = new string?[Slots];

    /// <summary>The string kept for <paramref name="bytes"/> (at most <see cref="MaxBytes"/>), or null when none is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Get(ReadOnlySpan<byte> bytes)
    {
        var slot = SlotOf(bytes);
        return _texts[slot] is { } text && _lengths[slot] == bytes.Length && bytes.SequenceEqual(_bytes.AsSpan(slot * MaxBytes, bytes.Length)) ? text : null;
    }

    /// <summary>Keeps <paramref name="text"/> as the string of <paramref name="bytes"/> (at most <see cref="MaxBytes"/>), and returns it.</summary>
    public string Keep(ReadOnlySpan<byte> bytes, string text)
    {
        var slot = SlotOf(bytes);
        bytes.CopyTo(_bytes.AsSpan(slot * MaxBytes, MaxBytes));
        (_lengths[slot], _texts[slot]) = (bytes.Length, text);
        return text;
    }

    /// <summary>A slot from the value's length and its first, middle and last eight bytes (all of them when it is shorter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)bytes.Length;
        if (bytes.Length >= sizeof(ulong))
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Multiplier;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[((bytes.Length - sizeof(ulong)) / 2)..])) * Multiplier;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[^sizeof(ulong)..])) * Multiplier;
        }
        else
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * Multiplier;
            }
        }

        return (int)(hash >> 54);
    }
}
