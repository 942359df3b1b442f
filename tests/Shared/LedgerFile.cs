using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using LiteDB;

namespace ExchangeNode.Tests.Support;

/// <summary>
/// A closed node's ledger read and edited with LiteDB's own API and the protos alone, as an
/// auditor (or someone editing behind the node's back) would: the collection <c>ledger</c> holds
/// blocks <c>{ _id: last local sequence, n: entries, e: LedgerBlock bytes }</c> (ledger.proto).
/// </summary>
public static class LedgerFile
{
    private const string Collection = "ledger";

    /// <summary>Every entry, in local order.</summary>
    public static List<LedgerEntry> Entries(LiteDatabase database) =>
        [.. database.GetCollection(Collection).Find(Query.All("_id", Query.Ascending))
            .SelectMany(doc => LedgerBlock.Parser.ParseFrom(doc["e"].AsBinary).Entries)];

    /// <summary>
    /// Edits the block that holds local entry <paramref name="local"/>: <paramref name="change"/>
    /// gets the block's entries and the index of that entry in them. The block is written back with
    /// its count; it keeps its first local sequence, so removing entries moves its key down.
    /// </summary>
    public static void EditBlockOf(LiteDatabase database, long local, Action<List<LedgerEntry>, int> change)
    {
        var blocks = database.GetCollection(Collection);
        var doc = blocks.Find(Query.GTE("_id", local), 0, 1).Single();
        var entries = LedgerBlock.Parser.ParseFrom(doc["e"].AsBinary).Entries.ToList();
        var first = doc["_id"].AsInt64 - entries.Count + 1;
        change(entries, (int)(local - first));

        var block = new LedgerBlock();
        block.Entries.Add(entries);
        blocks.Delete(doc["_id"]);
        if (entries.Count > 0)
        {
            blocks.Insert(new BsonDocument
            {
                ["_id"] = first + entries.Count - 1,
                ["n"] = entries.Count,
                ["e"] = block.ToByteArray(),
            });
        }
    }

    /// <summary>The entry with one byte of its body changed, its hashes kept.</summary>
    public static LedgerEntry WithBody(LedgerEntry entry, Action<byte[]> change)
    {
        var body = entry.Body.ToByteArray();
        change(body);
        return new LedgerEntry { Body = ByteString.CopyFrom(body), PreviousHash = entry.PreviousHash, Hash = entry.Hash };
    }
}
