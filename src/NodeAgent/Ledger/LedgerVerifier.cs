using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using ExchangeNode.Protocol.Identifiers;
using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// Recomputes every chain from the stored bytes alone: local sequences without gaps, each
/// origin's sequences in order from 1, each previous hash equal to the hash before it, each hash
/// equal to SHA-256(previous || body), and each chain ending where the recorded head says (a
/// removed last entry shows there). Stops at the first bad entry.
/// </summary>
internal static class LedgerVerifier
{
    /// <summary>Verifies every chain as complete (no data opened from a parent).</summary>
    public static VerifyReport Verify(LiteDatabase database, CancellationToken cancellationToken) =>
        Verify(database, nodeCode: null, cancellationToken);

    /// <summary>Verifies every chain; chains of origins outside <paramref name="nodeCode"/>'s subtree may be partial.</summary>
    public static VerifyReport Verify(LiteDatabase database, string? nodeCode, CancellationToken cancellationToken) =>
        Verify(database, nodeCode, snapshot: null, cancellationToken);

    /// <summary>
    /// Verifies a running node's ledger as it stood at one moment: the entries through the
    /// snapshot's local sequence against the heads recorded then, so that entries committed
    /// during the scan are not mistaken for tampering.
    /// </summary>
    public static VerifyReport Verify(LedgerStore ledger, string? nodeCode, CancellationToken cancellationToken)
    {
        (long Through, List<ChainHead> Heads) snapshot;
        lock (ledger.WriterLock)
        {
            snapshot = (ledger.LastLocalSequence,
                ledger.Database.GetCollection(LedgerCollections.Heads).FindAll().Select(LedgerStore.ToHead).ToList());
        }

        return Verify(ledger.Database, nodeCode, snapshot, cancellationToken);
    }

    private static VerifyReport Verify(
        LiteDatabase database, string? nodeCode, (long Through, List<ChainHead> Heads)? snapshot, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, ChainState>(StringComparer.Ordinal);
        long expectedLocal = 1;
        long count = 0;
        ChainProblem? localGap = null;
        var entries = database.GetCollection(LedgerCollections.Entries);
        foreach (var doc in ReadAhead(entries, cancellationToken))
        {
            var local = doc["_id"].AsInt64;
            if (snapshot is { } taken && local > taken.Through)
            {
                break;
            }

            if (local != expectedLocal && localGap is null)
            {
                // Keep going: the origin's chain names which entry is missing; this is the fallback.
                localGap = new ChainProblem(local, doc["o"].AsString ?? string.Empty, doc["s"].AsInt64,
                    $"本地序号从 {expectedLocal - 1} 跳到 {local}：有条目被删除 (local entries {expectedLocal}..{local - 1} are missing)");
            }

            var problem = Check(doc, heads, nodeCode);
            if (problem is not null)
            {
                return new VerifyReport(count, [.. heads.Values.Select(h => h.ToHead())], problem);
            }

            expectedLocal = local + 1;
            count++;
        }

        var recorded = snapshot?.Heads ?? database.GetCollection(LedgerCollections.Heads).FindAll().Select(LedgerStore.ToHead).ToList();
        var found = heads.Values.Select(h => h.ToHead()).ToDictionary(h => h.Origin, StringComparer.Ordinal);
        var tailProblem = CheckHeads(recorded, found) ?? localGap;
        return new VerifyReport(count, [.. found.Values.OrderBy(h => h.Origin, StringComparer.Ordinal)], tailProblem);
    }

    /// <summary>
    /// Reads the ledger in local order on a second thread while this one hashes: the scan and
    /// SHA-256 cost about the same, and a node has two cores. Memory is bounded by a few chunks.
    /// </summary>
    private static IEnumerable<BsonDocument> ReadAhead(ILiteCollection<BsonDocument> entries, CancellationToken cancellationToken)
    {
        const int ChunkSize = 512;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var chunks = new System.Collections.Concurrent.BlockingCollection<List<BsonDocument>>(boundedCapacity: 8);
        var reader = Task.Run(() =>
        {
            try
            {
                var chunk = new List<BsonDocument>(ChunkSize);
                foreach (var doc in entries.Find(Query.All("_id", Query.Ascending)))
                {
                    chunk.Add(doc);
                    if (chunk.Count == ChunkSize)
                    {
                        chunks.Add(chunk, stop.Token);
                        chunk = new List<BsonDocument>(ChunkSize);
                    }
                }

                if (chunk.Count > 0)
                {
                    chunks.Add(chunk, stop.Token);
                }
            }
            finally
            {
                chunks.CompleteAdding();
            }
        }, stop.Token);

        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(cancellationToken))
            {
                foreach (var doc in chunk)
                {
                    yield return doc;
                }
            }

            reader.GetAwaiter().GetResult();
        }
        finally
        {
            // Stopped early (a bad entry, or cancelled): let the reader end before the collection goes.
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
            {
                // The reader was told to stop.
            }
        }
    }

    private static ChainProblem? Check(BsonDocument doc, Dictionary<string, ChainState> heads, string? nodeCode)
    {
        var local = doc["_id"].AsInt64;
        var origin = doc["o"].AsString ?? string.Empty;
        var sequence = doc["s"].AsInt64;
        ChainProblem Bad(string reason) => new(local, origin, sequence, reason);

        var bodyBytes = doc["b"].AsBinary;
        var previousHash = doc["p"].AsBinary;
        var hash = doc["h"].AsBinary;
        if (bodyBytes is null || previousHash is null || hash is null)
        {
            return Bad("条目缺少正文或哈希 (body or hash missing)");
        }

        if (EntryBodyHeader.Read(bodyBytes) is not { } body)
        {
            return Bad("条目正文无法解析 (the body is not a well-formed entry)");
        }

        if (body.Origin != origin || body.Sequence != sequence)
        {
            // Name the position by the hash-covered body's origin, and the sequence that origin
            // should have here, not by the index fields someone edited.
            var expected = (heads.TryGetValue(body.Origin, out var of) ? of.Sequence : 0) + 1;
            return new ChainProblem(local, body.Origin, expected,
                $"条目索引字段 ({origin}#{sequence}) 与正文 ({body.Origin}#{body.Sequence}) 不符 (index fields do not match the body: edited or moved)");
        }

        if (!heads.TryGetValue(origin, out var head))
        {
            // Origins outside this node's subtree are data a parent opened to it: only the entries
            // that concern this node are held, so gaps are expected; order and each hash are not.
            head = new ChainState(origin, nodeCode is not null && !DivisionCode.IsWithin(origin, nodeCode));
            heads[origin] = head;
        }

        var expectedSequence = head.Sequence + 1;
        var linked = sequence == expectedSequence;
        if (head.Partial && sequence > expectedSequence)
        {
            linked = false;
        }
        else if (sequence != expectedSequence)
        {
            // The first bad position of the chain is the sequence that should have come here.
            return new ChainProblem(local, origin, expectedSequence, sequence > expectedSequence
                ? $"来源 {origin} 在此处应为第 {expectedSequence} 条，实为第 {sequence} 条：有条目被删除或调换顺序 (entry missing or reordered)"
                : $"来源 {origin} 在此处应为第 {expectedSequence} 条，实为第 {sequence} 条：条目重复或调换顺序 (entry repeated or reordered)");
        }

        if (linked && !previousHash.AsSpan().SequenceEqual(head.Hash))
        {
            return Bad("前序哈希与上一条目的哈希不符 (previous hash does not match the entry before it)");
        }

        Span<byte> computed = stackalloc byte[EntryHash.Length];
        if (!EntryHash.TryCompute(previousHash, bodyBytes, computed) || !computed.SequenceEqual(hash))
        {
            return Bad("哈希与内容不符：条目被篡改 (hash does not match the content: the entry was altered)");
        }

        head.Sequence = sequence;
        head.Hash = hash;
        head.Local = local;
        return null;
    }

    /// <summary>Where an origin's chain stands during the scan (mutable: one per origin, not one per entry).</summary>
    private sealed class ChainState(string origin, bool partial)
    {
        public string Origin { get; } = origin;

        public bool Partial { get; } = partial;

        public long Sequence { get; set; }

        public byte[] Hash { get; set; } = EntryHash.Genesis;

        public long Local { get; set; }

        public ChainHead ToHead() => new(Origin, Sequence, Hash, Local, DateTime.MinValue);
    }

    private static ChainProblem? CheckHeads(List<ChainHead> recorded, Dictionary<string, ChainHead> found)
    {
        foreach (var head in recorded.OrderBy(h => h.LocalSequence))
        {
            var actual = found.GetValueOrDefault(head.Origin);
            if (actual is null || actual.Sequence != head.Sequence || !actual.Hash.AsSpan().SequenceEqual(head.Hash))
            {
                return new ChainProblem(
                    head.LocalSequence,
                    head.Origin,
                    head.Sequence,
                    $"来源 {head.Origin} 的链应止于 #{head.Sequence}，实止于 #{actual?.Sequence ?? 0}：末尾条目被删除或改动 (the chain's last entries were removed or altered)");
            }
        }

        return null;
    }
}
