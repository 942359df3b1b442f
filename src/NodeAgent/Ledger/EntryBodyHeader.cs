using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// Reads only the envelope fields (origin, origin sequence, jurisdiction: fields 1, 2 and 4 of
/// EntryBody) from a body's bytes, skipping the record: what chain checks and the exchange's
/// filters need, at a fraction of the cost of a full parse. The hash still covers every byte.
/// </summary>
internal static class EntryBodyHeader
{
    private const uint OriginTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint SequenceTag = (2 << 3) | (uint)WireFormat.WireType.Varint;
    private const uint JurisdictionTag = (4 << 3) | (uint)WireFormat.WireType.LengthDelimited;

    /// <summary>The body's envelope fields; null when the bytes are not a well-formed body.</summary>
    public static EntryHeader? Read(byte[] body, int offset, int length)
    {
        try
        {
            return Read(new CodedInputStream(body, offset, length));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static EntryHeader? Read(CodedInputStream input)
    {
        string? origin = null;
        long sequence = 0;
        var jurisdiction = string.Empty;
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
                case JurisdictionTag:
                    jurisdiction = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return origin is null ? null : new EntryHeader(origin, sequence, jurisdiction);
    }
}

/// <summary>The envelope fields of an entry's body.</summary>
internal readonly record struct EntryHeader(string Origin, long Sequence, string Jurisdiction);
