using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// Reads only origin and origin sequence (fields 1 and 2 of EntryBody) from a body's bytes:
/// what chain checks need, at a fifth of the cost of a full parse. The hash still covers every byte.
/// </summary>
internal static class EntryBodyHeader
{
    private const uint OriginTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint SequenceTag = (2 << 3) | (uint)WireFormat.WireType.Varint;

    /// <summary>The body's origin and sequence; null when the bytes are not a well-formed body.</summary>
    public static (string Origin, long Sequence)? Read(byte[] body)
    {
        try
        {
            var input = new CodedInputStream(body);
            string? origin = null;
            long sequence = 0;
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case OriginTag:
                        origin = input.ReadString();
                        break;
                    case SequenceTag:
                        sequence = input.ReadInt64();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            return origin is null ? null : (origin, sequence);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
