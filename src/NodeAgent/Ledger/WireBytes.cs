namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>The two primitives of protobuf's wire format that the store reads by hand: a varint and a length that fits what is left.</summary>
internal static class WireBytes
{
    public static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < bytes.Length; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A length prefix, refused when it reaches past the end of <paramref name="bytes"/>.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> bytes, ref int at, out int length)
    {
        length = 0;
        if (!TryReadVarint(bytes, ref at, out var value) || value > (ulong)(bytes.Length - at))
        {
            return false;
        }

        length = (int)value;
        return true;
    }
}
