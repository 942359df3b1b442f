using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// The append-only ledger: one hash chain per origin, kept in local order. Nothing here updates
/// or removes an entry (invariant 1); the views change only with the entry that causes them, in
/// the same transaction.
/// </summary>
internal sealed class LedgerStore
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _entries;
    private readonly ILiteCollection<BsonDocument> _heads;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ChainHead> _headByOrigin = new(StringComparer.Ordinal);
    private long _lastLocalSequence;

    public LedgerStore(NodeStore store, string nodeCode, TimeProvider time)
    {
        _database = store.Database;
        _entries = _database.GetCollection(LedgerCollections.Entries);
        _heads = _database.GetCollection(LedgerCollections.Heads);
        _time = time;
        NodeCode = nodeCode;
        Projector = new ViewProjector(_database, this);
        foreach (var doc in _heads.FindAll())
        {
            var head = ToHead(doc);
            _headByOrigin[head.Origin] = head;
        }

        var last = _entries.Find(Query.All("_id", Query.Descending), 0, 1).FirstOrDefault();
        _lastLocalSequence = last?["_id"].AsInt64 ?? 0;
    }

    public string NodeCode { get; }

    /// <summary>Held by the one writer at a time: a transaction, or a rebuild of the views.</summary>
    internal Lock WriterLock { get; } = new();

    public LiteDatabase Database => _database;

    public ViewProjector Projector { get; }

    public long Count => _lastLocalSequence;

    public IReadOnlyCollection<ChainHead> Heads => _headByOrigin.Values;

    public ChainHead? HeadOf(string origin) => _headByOrigin.GetValueOrDefault(origin);

    /// <summary>Starts a write: entries appended through it land together or not at all.</summary>
    public LedgerTransaction Begin() => new(this);

    public StoredEntry? Read(long localSequence)
    {
        var doc = _entries.FindById(localSequence);
        return doc is null ? null : ToStored(doc);
    }

    /// <summary>Streams entries in local order from <paramref name="afterLocalSequence"/> (exclusive).</summary>
    public IEnumerable<StoredEntry> ReadFrom(long afterLocalSequence = 0)
    {
        foreach (var doc in _entries.Find(Query.GT("_id", afterLocalSequence)))
        {
            yield return ToStored(doc);
        }
    }

    /// <summary>Reads up to <paramref name="limit"/> entries after <paramref name="afterLocalSequence"/>, materialised.</summary>
    public List<StoredEntry> ReadBatch(long afterLocalSequence, int limit) =>
        _entries.Find(Query.GT("_id", afterLocalSequence), 0, limit).Select(ToStored).ToList();

    internal static StoredEntry ToStored(BsonDocument doc)
    {
        var entry = new LedgerEntry
        {
            Body = ByteString.CopyFrom(doc["b"].AsBinary),
            PreviousHash = ByteString.CopyFrom(doc["p"].AsBinary),
            Hash = ByteString.CopyFrom(doc["h"].AsBinary),
        };
        return new StoredEntry(doc["_id"].AsInt64, entry, EntryBody.Parser.ParseFrom(entry.Body));
    }

    internal (ChainHead Head, BsonDocument Document, EntryBody Body) PrepareLocal(
        Record record, string jurisdiction, IReadOnlyDictionary<string, ChainHead> pending, long localSequence)
    {
        var previous = pending.GetValueOrDefault(NodeCode) ?? HeadOf(NodeCode);
        var body = new EntryBody
        {
            Origin = NodeCode,
            OriginSequence = (previous?.Sequence ?? 0) + 1,
            RecordedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            Jurisdiction = jurisdiction,
            Record = record,
        };
        var bodyBytes = body.ToByteArray();
        var previousHash = previous?.Hash ?? EntryHash.Genesis;
        var hash = EntryHash.Compute(previousHash, bodyBytes);
        var doc = new BsonDocument
        {
            ["_id"] = localSequence,
            ["o"] = body.Origin,
            ["s"] = body.OriginSequence,
            ["j"] = jurisdiction,
            ["b"] = bodyBytes,
            ["p"] = previousHash,
            ["h"] = hash,
        };
        return (new ChainHead(NodeCode, body.OriginSequence, hash, localSequence), doc, body);
    }

    internal long LastLocalSequence => _lastLocalSequence;

    internal void Write(List<BsonDocument> entries, IReadOnlyDictionary<string, ChainHead> heads)
    {
        if (entries.Count > 0)
        {
            _entries.InsertBulk(entries, entries.Count);
        }

        foreach (var head in heads.Values)
        {
            _heads.Upsert(new BsonDocument
            {
                ["_id"] = head.Origin,
                ["s"] = head.Sequence,
                ["h"] = head.Hash,
                ["l"] = head.LocalSequence,
            });
        }
    }

    internal void Committed(IReadOnlyDictionary<string, ChainHead> heads, long lastLocalSequence)
    {
        foreach (var (origin, head) in heads)
        {
            _headByOrigin[origin] = head;
        }

        _lastLocalSequence = lastLocalSequence;
    }

    internal static ChainHead ToHead(BsonDocument doc) =>
        new(doc["_id"].AsString, doc["s"].AsInt64, doc["h"].AsBinary, doc["l"].AsInt64);
}
