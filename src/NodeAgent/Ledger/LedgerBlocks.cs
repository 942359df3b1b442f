using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// The ledger's form on disk (ledger.proto, LedgerBlock): the entries of one commit packed, in
/// local order, into blocks of consecutive local sequences, one LiteDB document per block,
/// <c>{ _id: local sequence of the block's last entry, n: entries, e: LedgerBlock bytes }</c>.
/// A block is inserted with its commit and never updated (invariant 1). One document per entry
/// cost about as much as the entry itself (LiteDB's index node, page and BSON work per
/// document); a block spreads that cost over up to <see cref="MaxEntries"/> entries, and
/// reading the chain back costs one document read per block.
/// </summary>
internal static class LedgerBlocks
{
    /// <summary>Entries per block at most: a block's document stays well under LiteDB's page budget per commit.</summary>
    public const int MaxEntries = 64;

    /// <summary>Bytes per block at most (a single larger entry gets a block of its own).</summary>
    public const int MaxBytes = 256 * 1024;

    public const string Count = "n";
    public const string Bytes = "e";

    private const uint EntryTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint BodyTag = (1 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint PreviousHashTag = (2 << 3) | (uint)WireFormat.WireType.LengthDelimited;
    private const uint HashTag = (3 << 3) | (uint)WireFormat.WireType.LengthDelimited;

    /// <summary>The block documents for <paramref name="entries"/>, the first of which has local sequence <paramref name="firstLocal"/>.</summary>
    public static List<BsonDocument> Pack(long firstLocal, IReadOnlyList<LedgerEntry> entries)
    {
        var documents = new List<BsonDocument>(entries.Count / MaxEntries + 1);
        var block = new LedgerBlock();
        var size = 0;
        var local = firstLocal - 1;
        foreach (var entry in entries)
        {
            var entrySize = entry.CalculateSize();
            if (block.Entries.Count == MaxEntries || (block.Entries.Count > 0 && size + entrySize > MaxBytes))
            {
                documents.Add(Document(local, block));
                block = new LedgerBlock();
                size = 0;
            }

            block.Entries.Add(entry);
            size += entrySize;
            local++;
        }

        if (block.Entries.Count > 0)
        {
            documents.Add(Document(local, block));
        }

        return documents;
    }

    private static BsonDocument Document(long lastLocal, LedgerBlock block) => new()
    {
        ["_id"] = lastLocal,
        [Count] = block.Entries.Count,
        [Bytes] = block.ToByteArray(),
    };

    /// <summary>A block document as read: where each entry lies in its bytes, or why it cannot be read.</summary>
    public static ReadBlock Read(BsonDocument document)
    {
        var positions = new List<BlockEntry>(MaxEntries);
        TryRead(document, positions, out var bytes, out var problem);
        var last = document["_id"].IsInt64 ? document["_id"].AsInt64 : 0;
        return new ReadBlock(last - positions.Count + 1, last, bytes, positions, problem);
    }

    /// <summary>
    /// Finds each entry of a block document without copying: false, with the reason, when the
    /// document is not a well-formed block (edited behind the node's back).
    /// </summary>
    public static bool TryRead(BsonDocument document, List<BlockEntry> into, out byte[] bytes, out string? problem)
    {
        into.Clear();
        bytes = document[Bytes].IsBinary ? document[Bytes].AsBinary : [];
        if (!document["_id"].IsInt64 || bytes.Length == 0)
        {
            problem = "账本块缺少序号或内容 (a ledger block lacks its sequence or its bytes)";
            return false;
        }

        if (!TryReadEntries(bytes, into))
        {
            problem = "账本块无法解析 (a ledger block is not well-formed)";
            return false;
        }

        if (!document[Count].IsInt32 || document[Count].AsInt32 != into.Count)
        {
            problem = $"账本块条目数 ({document[Count]}) 与内容 ({into.Count}) 不符 (a ledger block's count does not match its entries)";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool TryReadEntries(byte[] bytes, List<BlockEntry> into)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            if (!WireBytes.TryReadVarint(bytes, ref at, out var tag) || tag != EntryTag
                || !WireBytes.TryReadLength(bytes, ref at, out var length))
            {
                return false;
            }

            var end = at + length;
            (int Offset, int Length) body = default, previous = default, hash = default;
            while (at < end)
            {
                if (!WireBytes.TryReadVarint(bytes, ref at, out var field) || (field & 7) != (uint)WireFormat.WireType.LengthDelimited
                    || !WireBytes.TryReadLength(bytes, ref at, out var fieldLength) || at + fieldLength > end)
                {
                    return false;
                }

                switch (field)
                {
                    case BodyTag: body = (at, fieldLength); break;
                    case PreviousHashTag: previous = (at, fieldLength); break;
                    case HashTag: hash = (at, fieldLength); break;
                    default: return false;
                }

                at += fieldLength;
            }

            if (at != end || body.Length == 0)
            {
                return false;
            }

            into.Add(new BlockEntry(body.Offset, body.Length, previous.Offset, previous.Length, hash.Offset, hash.Length));
        }

        return true;
    }
}

/// <summary>A block as read: the local sequences of its first and last entries, its bytes and where each entry lies; or why it cannot be read.</summary>
internal sealed record ReadBlock(long First, long Last, byte[] Bytes, List<BlockEntry> Entries, string? Problem);

/// <summary>Where one entry lies inside its block's bytes: its body, previous hash and hash.</summary>
internal readonly record struct BlockEntry(int BodyOffset, int BodyLength, int PreviousOffset, int PreviousLength, int HashOffset, int HashLength)
{
    public ReadOnlySpan<byte> Body(byte[] block) => block.AsSpan(BodyOffset, BodyLength);

    public ReadOnlySpan<byte> PreviousHash(byte[] block) => block.AsSpan(PreviousOffset, PreviousLength);

    public ReadOnlySpan<byte> Hash(byte[] block) => block.AsSpan(HashOffset, HashLength);

    /// <summary>The entry's wire form over the block's bytes (no copy: a block's bytes are never changed).</summary>
    public LedgerEntry ToEntry(byte[] block) => new()
    {
        Body = UnsafeByteOperations.UnsafeWrap(block.AsMemory(BodyOffset, BodyLength)),
        PreviousHash = UnsafeByteOperations.UnsafeWrap(block.AsMemory(PreviousOffset, PreviousLength)),
        Hash = UnsafeByteOperations.UnsafeWrap(block.AsMemory(HashOffset, HashLength)),
    };
}
