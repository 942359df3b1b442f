using LiteDB;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// A child's exchange cursors, kept in the store: how far the parent acknowledged the feed
/// (and the heads it had then), and how far the pull has read the parent's ledger.
/// </summary>
internal sealed class SyncState(LiteDatabase database)
{
    private const string Collection = "sync";

    private readonly ILiteCollection<BsonDocument> _state = database.GetCollection(Collection);

    /// <summary>Local sequence through which the parent acknowledged the feed, and the heads it then held.</summary>
    public (long Cursor, Dictionary<string, long> Heads, DateTime? AckedAt) Push
    {
        get
        {
            var doc = _state.FindById("push");
            if (doc is null)
            {
                return (0, new Dictionary<string, long>(StringComparer.Ordinal), null);
            }

            var heads = doc["heads"].AsDocument.ToDictionary(p => p.Key, p => p.Value.AsInt64, StringComparer.Ordinal);
            return (doc["cursor"].AsInt64, heads, doc["at"].AsDateTime);
        }
    }

    /// <summary>Local sequence through which the parent acknowledged the feed (what the backlog is counted from).</summary>
    public long PushCursor => _state.FindById("push")?["cursor"].AsInt64 ?? 0;

    public void SavePush(long cursor, IReadOnlyDictionary<string, long> heads, DateTime at)
    {
        var document = new BsonDocument();
        foreach (var (origin, sequence) in heads)
        {
            document[origin] = sequence;
        }

        _state.Upsert(new BsonDocument { ["_id"] = "push", ["cursor"] = cursor, ["heads"] = document, ["at"] = at });
    }

    /// <summary>The parent's local sequence through which opened data was pulled.</summary>
    public long PullCursor => _state.FindById("pull")?["cursor"].AsInt64 ?? 0;

    public void SavePull(long cursor, DateTime at) =>
        _state.Upsert(new BsonDocument { ["_id"] = "pull", ["cursor"] = cursor, ["at"] = at });
}
