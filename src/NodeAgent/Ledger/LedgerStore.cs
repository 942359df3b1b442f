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
    // Written by the one writer at commit, read by exchange handlers on other threads.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChainHead> _headByOrigin = new(StringComparer.Ordinal);
    private long _lastLocalSequence;

    public LedgerStore(NodeStore store, string nodeCode, TimeProvider time)
    {
        _database = store.Database;
        _entries = _database.GetCollection(LedgerCollections.Entries);
        _heads = _database.GetCollection(LedgerCollections.Heads);
        _time = time;
        NodeCode = nodeCode;
        Projector = new ViewProjector(_database, WriterLock);
        foreach (var doc in _heads.FindAll())
        {
            var head = ToHead(doc);
            _headByOrigin[head.Origin] = head;
        }

        var last = _entries.Find(Query.All("_id", Query.Descending), 0, 1).FirstOrDefault();
        if (last is not null && !last.ContainsKey(LedgerBlocks.Bytes))
        {
            throw new StoreFormatException(
                $"{store.DataDirectory}: 账本为早期开发版格式（每条一个文档），本版本按块存储，请用 init 新建节点并重新导入 " +
                "(this ledger was written by an early development version, one document per entry; this version stores blocks: create the node again with init and import again)");
        }

        _lastLocalSequence = last?["_id"].AsInt64 ?? 0;
        if (_database.UserVersion < LedgerCollections.ViewsFormat)
        {
            UpgradeViews();
        }
    }

    /// <summary>
    /// Why the views could not be derived again in their current form at this open (the ledger
    /// cannot be read through); null when they are current. The store still opens, so that
    /// <c>ledger verify</c> can name the damage; the next open tries again.
    /// </summary>
    public string? ViewsProblem { get; private set; }

    /// <summary>
    /// The views were written in an earlier form: they are derived, so derive them again, once,
    /// at the first open by this version (a county's year of cases takes about a minute).
    /// </summary>
    private void UpgradeViews()
    {
        if (_lastLocalSequence > 0)
        {
            try
            {
                ViewRebuilder.Rebuild(this, CancellationToken.None);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidProtocolBufferException or LiteException)
            {
                ViewsProblem = $"视图未能按新格式重建，账本无法完整读出，请运行 ledger verify (the views could not be derived again: the ledger cannot be read through; run ledger verify): {ex.Message}";
                return;
            }
        }

        _database.UserVersion = LedgerCollections.ViewsFormat;
    }

    public string NodeCode { get; }

    /// <summary>The node's clock: what entries are recorded at.</summary>
    public TimeProvider Time => _time;

    /// <summary>Held by the one writer at a time: a transaction, or a rebuild of the views.</summary>
    internal Lock WriterLock { get; } = new();

    public LiteDatabase Database => _database;

    public ViewProjector Projector { get; }

    public long Count => LastLocalSequence;

    public IReadOnlyCollection<ChainHead> Heads => [.. _headByOrigin.Values];

    public ChainHead? HeadOf(string origin) => _headByOrigin.GetValueOrDefault(origin);

    /// <summary>
    /// Called with this node's own head before every local append; throws to refuse it. The
    /// sync side sets it, so that a node behind its parent on its own chain never numbers new
    /// entries over ones it lost.
    /// </summary>
    internal Action<ChainHead?>? LocalAppendGuard { get; set; }

    /// <summary>Throws when a local append would be refused now: a writer checks before it starts, <see cref="LedgerTransaction.AppendLocal"/> always.</summary>
    public void EnsureLocalAppendAllowed() => LocalAppendGuard?.Invoke(HeadOf(NodeCode));

    /// <summary>Starts a write: entries appended through it land together or not at all.</summary>
    public LedgerTransaction Begin() => new(this);

    public StoredEntry? Read(long localSequence) =>
        localSequence < 1 ? null : Scan(localSequence - 1).Take(1).Select(ToStored).FirstOrDefault();

    /// <summary>
    /// The entries at these local sequences, in the order given (those the ledger does not hold
    /// left out); a block holding several of them is read once (a case's trail usually lies in
    /// one or two blocks).
    /// </summary>
    public List<StoredEntry> Read(IReadOnlyList<long> localSequences)
    {
        var wanted = localSequences.ToHashSet();
        var found = new Dictionary<long, StoredEntry>();
        foreach (var next in localSequences)
        {
            if (next < 1 || found.ContainsKey(next))
            {
                continue;
            }

            byte[]? block = null;
            foreach (var entry in Scan(next - 1))
            {
                if (block is not null && !ReferenceEquals(entry.Block, block))
                {
                    break;
                }

                block = entry.Block;
                if (wanted.Contains(entry.Local))
                {
                    found[entry.Local] = ToStored(entry);
                }
            }
        }

        return [.. localSequences.Where(found.ContainsKey).Select(local => found[local])];
    }

    /// <summary>Streams entries in local order from <paramref name="afterLocalSequence"/> (exclusive).</summary>
    public IEnumerable<StoredEntry> ReadFrom(long afterLocalSequence = 0) => Scan(afterLocalSequence).Select(ToStored);

    /// <summary>Reads up to <paramref name="limit"/> entries after <paramref name="afterLocalSequence"/>, materialised.</summary>
    public List<StoredEntry> ReadBatch(long afterLocalSequence, int limit) =>
        Scan(afterLocalSequence).Take(limit).Select(ToStored).ToList();

    /// <summary>
    /// Reads up to <paramref name="limit"/> entries after <paramref name="afterLocalSequence"/> without
    /// parsing bodies: what the exchange forwards byte for byte.
    /// </summary>
    public List<RawEntry> ReadRaw(long afterLocalSequence, int limit) =>
        Scan(afterLocalSequence).Take(limit).Select(found =>
        {
            var header = EntryBodyHeader.Read(found.Block, found.At.BodyOffset, found.At.BodyLength)
                ?? throw new InvalidDataException($"账本第 {found.Local} 条的正文无法解析，请运行 ledger verify (local entry {found.Local} is not well-formed: run ledger verify)");
            return new RawEntry(found.Local, header.Origin, header.Sequence, header.Jurisdiction, found.At.ToEntry(found.Block));
        }).ToList();

    /// <summary>Entries through local sequence <paramref name="through"/>, newest first, read in pages (never the whole ledger in memory).</summary>
    public IEnumerable<StoredEntry> ReadBackward(long through) => Backward(through, ReadBatch);

    /// <summary>As <see cref="ReadBackward"/>, bodies unparsed.</summary>
    public IEnumerable<RawEntry> ReadRawBackward(long through) => Backward(through, ReadRaw);

    private static IEnumerable<T> Backward<T>(long through, Func<long, int, List<T>> read)
    {
        const int Page = 1000;
        for (var end = through; end > 0;)
        {
            var from = Math.Max(0, end - Page);
            var page = read(from, (int)(end - from));
            for (var i = page.Count - 1; i >= 0; i--)
            {
                yield return page[i];
            }

            end = from;
        }
    }

    /// <summary>
    /// The entries after <paramref name="afterLocalSequence"/> in local order, as positions in
    /// their blocks' bytes. Blocks are keyed by their last local sequence, so the first block
    /// read is the one holding the entry after <paramref name="afterLocalSequence"/>.
    /// </summary>
    private IEnumerable<(long Local, byte[] Block, BlockEntry At)> Scan(long afterLocalSequence)
    {
        foreach (var block in _entries.Find(StoreQuery.After("_id", afterLocalSequence)).Select(LedgerBlocks.Read))
        {
            if (block.Problem is { } problem)
            {
                throw new InvalidDataException($"账本块 #{block.Last}: {problem}; 请运行 ledger verify (run ledger verify)");
            }

            for (var i = 0; i < block.Entries.Count; i++)
            {
                if (block.First + i > afterLocalSequence)
                {
                    yield return (block.First + i, block.Bytes, block.Entries[i]);
                }
            }
        }
    }

    private static StoredEntry ToStored((long Local, byte[] Block, BlockEntry At) found) =>
        new(found.Local, found.At.ToEntry(found.Block), EntryBody.Parser.ParseFrom(found.At.Body(found.Block)));

    internal (ChainHead Head, LedgerEntry Entry, EntryBody Body) PrepareLocal(
        EncodedRecord record, string jurisdiction, IReadOnlyDictionary<string, ChainHead> pending, long localSequence)
    {
        var previous = pending.GetValueOrDefault(NodeCode) ?? HeadOf(NodeCode);
        var body = new EntryBody
        {
            Origin = NodeCode,
            OriginSequence = (previous?.Sequence ?? 0) + 1,
            RecordedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            Jurisdiction = jurisdiction,
        };
        var bodyBytes = BodyBytes(body, record.Bytes);
        body.Record = record.Record;
        var previousHash = previous?.Hash ?? EntryHash.Genesis;
        var hash = EntryHash.Compute(previousHash, bodyBytes);
        var entry = new LedgerEntry
        {
            Body = UnsafeByteOperations.UnsafeWrap(bodyBytes),
            PreviousHash = UnsafeByteOperations.UnsafeWrap(previousHash),
            Hash = UnsafeByteOperations.UnsafeWrap(hash),
        };
        return (new ChainHead(NodeCode, body.OriginSequence, hash, localSequence, body.RecordedAt.ToDateTime()), entry, body);
    }

    /// <summary>
    /// The bytes <c>ToByteArray</c> gives for <paramref name="envelope"/> with its record set: the
    /// record is the body's last field, so its bytes, encoded beforehand, follow the envelope's
    /// under the record's tag and length.
    /// </summary>
    internal static byte[] BodyBytes(EntryBody envelope, byte[] record)
    {
        var bytes = new byte[envelope.CalculateSize() + CodedOutputStream.ComputeTagSize(EntryBody.RecordFieldNumber)
            + CodedOutputStream.ComputeLengthSize(record.Length) + record.Length];
        var output = new CodedOutputStream(bytes);
        envelope.WriteTo(output);
        output.WriteTag(EntryBody.RecordFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(record));
        output.CheckNoSpaceLeft();
        return bytes;
    }

    /// <summary>
    /// Checks an entry that came from elsewhere against the chain of its origin: its new head,
    /// or null when the entry is already held (idempotent by origin and sequence).
    /// </summary>
    /// <exception cref="ChainBrokenException">A gap, a reordering or a hash that does not hold.</exception>
    /// <remarks>
    /// With <paramref name="partial"/> (data a parent opened to this node, Art. 28), the node
    /// holds only the entries of that origin that concern it: gaps are expected, each entry's
    /// own hash is still checked, and consecutive entries must still link.
    /// </remarks>
    internal ChainHead? PrepareForeign(
        LedgerEntry entry, EntryBody body, IReadOnlyDictionary<string, ChainHead> pending, long localSequence, bool partial)
    {
        var head = pending.GetValueOrDefault(body.Origin) ?? HeadOf(body.Origin);
        var held = head?.Sequence ?? 0;
        if (body.OriginSequence <= held)
        {
            return null;
        }

        var linked = body.OriginSequence == held + 1;
        if (!linked && !partial)
        {
            throw new ChainBrokenException(body.Origin, body.OriginSequence,
                $"来源 {body.Origin} 缺少第 {held + 1} 至 {body.OriginSequence - 1} 条 (gap: holding #{held}, received #{body.OriginSequence})");
        }

        var previousHash = entry.PreviousHash.Span;
        if (linked && !previousHash.SequenceEqual(head?.Hash ?? EntryHash.Genesis))
        {
            throw new ChainBrokenException(body.Origin, body.OriginSequence,
                $"来源 {body.Origin} 第 {body.OriginSequence} 条的前序哈希与所持第 {held} 条不符 (previous hash does not match: reordered or forked chain)");
        }

        var hash = EntryHash.Compute(previousHash, entry.Body.Span);
        if (!entry.Hash.Span.SequenceEqual(hash))
        {
            throw new ChainBrokenException(body.Origin, body.OriginSequence,
                $"来源 {body.Origin} 第 {body.OriginSequence} 条的哈希与内容不符：条目被改动 (hash does not match the content: altered)");
        }

        return new ChainHead(body.Origin, body.OriginSequence, hash, localSequence, body.RecordedAt?.ToDateTime() ?? DateTime.MinValue);
    }

    internal long LastLocalSequence => Interlocked.Read(ref _lastLocalSequence);

    internal void Write(long firstLocalSequence, List<LedgerEntry> entries, IReadOnlyDictionary<string, ChainHead> heads)
    {
        if (entries.Count > 0)
        {
            var blocks = LedgerBlocks.Pack(firstLocalSequence, entries);
            _entries.InsertBulk(blocks, blocks.Count);
        }

        foreach (var head in heads.Values)
        {
            _heads.Upsert(new BsonDocument
            {
                ["_id"] = head.Origin,
                ["s"] = head.Sequence,
                ["h"] = head.Hash,
                ["l"] = head.LocalSequence,
                ["t"] = head.RecordedAt,
            });
        }
    }

    internal void Committed(IReadOnlyDictionary<string, ChainHead> heads, long lastLocalSequence)
    {
        foreach (var (origin, head) in heads)
        {
            _headByOrigin[origin] = head;
        }

        Interlocked.Exchange(ref _lastLocalSequence, lastLocalSequence);
    }

    internal static ChainHead ToHead(BsonDocument doc) =>
        new(doc["_id"].AsString, doc["s"].AsInt64, doc["h"].AsBinary, doc["l"].AsInt64, doc["t"].IsDateTime ? doc["t"].AsDateTime : DateTime.MinValue);
}
