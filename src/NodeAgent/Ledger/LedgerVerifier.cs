using ExchangeNode.Protocol.V1;
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
    /// <summary>Block documents read by one LiteDB query (see <see cref="ReadInOrder"/>).</summary>
    private const int BlocksPerQuery = 128;

    /// <summary>Verifies every chain as complete (no data opened from a parent).</summary>
    public static VerifyReport Verify(LiteDatabase database, CancellationToken cancellationToken) =>
        Verify(database, nodeCode: null, cancellationToken);

    /// <summary>Verifies every chain; chains of origins outside <paramref name="nodeCode"/>'s subtree may be partial.</summary>
    public static VerifyReport Verify(LiteDatabase database, string? nodeCode, CancellationToken cancellationToken) =>
        Verify(database, nodeCode, snapshot: null, twoThreads: true, cancellationToken);

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

        return Verify(ledger.Database, nodeCode, snapshot, twoThreads: true, cancellationToken);
    }

    /// <summary>The same scan with no helper thread: what the two-thread scan is compared with.</summary>
    internal static VerifyReport VerifyOnOneThread(LiteDatabase database, CancellationToken cancellationToken) =>
        Verify(database, nodeCode: null, snapshot: null, twoThreads: false, cancellationToken);

    private static VerifyReport Verify(
        LiteDatabase database, string? nodeCode, (long Through, List<ChainHead> Heads)? snapshot, bool twoThreads, CancellationToken cancellationToken)
    {
        var scan = new Scan(nodeCode, snapshot?.Through);
        var entries = database.GetCollection(LedgerCollections.Entries);
        using (var blocks = new BlockPipeline(twoThreads && Environment.ProcessorCount > 1))
        {
            // LiteDB's cursor stays on this thread (its transaction is the thread's); only the
            // documents read go to the helper.
            foreach (var document in ReadInOrder(entries))
            {
                cancellationToken.ThrowIfCancellationRequested();
                blocks.Add(new PendingBlock(document));
                if (LinkAll(blocks.TakeLinkable) is { } failed)
                {
                    return failed;
                }

                if (scan.Ended)
                {
                    break;
                }
            }

            if (LinkAll(blocks.TakeInOrder) is { } rest)
            {
                return rest;
            }
        }

        // Nothing past the snapshot's end is linked, even a block already prepared (as on one thread).
        VerifyReport? LinkAll(Func<PendingBlock?> take)
        {
            while (!scan.Ended && take() is { } ready)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (scan.Link(ready) is { } problem)
                {
                    return scan.Failed(problem);
                }
            }

            return null;
        }

        var recorded = snapshot?.Heads ?? database.GetCollection(LedgerCollections.Heads).FindAll().Select(LedgerStore.ToHead).ToList();
        var found = scan.Chains.All.Select(h => h.ToHead()).ToDictionary(h => h.Origin, StringComparer.Ordinal);
        var tailProblem = CheckHeads(recorded, found) ?? scan.LocalGap;
        return new VerifyReport(scan.Entries, [.. found.Values.OrderBy(h => h.Origin, StringComparer.Ordinal)], tailProblem);
    }

    /// <summary>
    /// The block documents in local order, <see cref="BlocksPerQuery"/> to a query. LiteDB keeps
    /// every page a query has read in its cache, in use, until the query ends: one query over the
    /// whole ledger grew the cache to the size of the file (76 MB allocated to read 100,000
    /// entries, 35 MB on disk, against 51 MB a query per 128 blocks), in 8 MB arrays whose
    /// allocation made the GC collect generation 2 three or four times instead of once. Here the
    /// cache stays the size of one query's pages, however long the ledger. The CPU per entry
    /// came out the same or a little lower (0.35 µs instead of 0.42 to read a store just opened,
    /// with a small heap; no difference beyond the noise in the benchmark's large one).
    /// </summary>
    internal static IEnumerable<BsonDocument> ReadInOrder(ILiteCollection<BsonDocument> entries)
    {
        var documents = entries.Find(Query.All("_id", Query.Ascending), skip: 0, limit: BlocksPerQuery);
        while (true)
        {
            var read = 0;
            var last = BsonValue.Null;
            foreach (var document in documents)
            {
                read++;
                last = document["_id"];
                yield return document;
            }

            if (read < BlocksPerQuery)
            {
                yield break;
            }

            // Keys of any type in LiteDB's order, as one query over them all gives them.
            documents = entries.Find(StoreQuery.After("_id", last), skip: 0, limit: BlocksPerQuery);
        }
    }

    /// <summary>
    /// The in-order half of verify, on the scanning thread: local sequences, each origin's
    /// sequences and each previous hash against the stored hash before it, entry by entry in
    /// local order, with the hash results that <see cref="PendingBlock.Prepare"/> found ahead;
    /// so the first bad entry is named as a one-thread scan names it, whichever thread hashed it.
    /// </summary>
    private sealed class Scan(string? nodeCode, long? through)
    {
        private long _expectedLocal = 1;

        public Chains Chains { get; } = new(nodeCode);

        public long Entries { get; private set; }

        /// <summary>A gap in the local sequences: reported only if no chain names the missing entry.</summary>
        public ChainProblem? LocalGap { get; private set; }

        /// <summary>A block past the snapshot was reached: entries committed during the scan are not looked at.</summary>
        public bool Ended { get; private set; }

        public VerifyReport Failed(ChainProblem problem) => new(Entries, [.. Chains.All.Select(h => h.ToHead())], problem);

        public ChainProblem? Link(PendingBlock pending)
        {
            var block = pending.Result();
            var first = block.First;
            if (through is { } snapshotEnd && first > snapshotEnd)
            {
                Ended = true;
                return null;
            }

            if (block.Problem is { } unreadable)
            {
                return new ChainProblem(_expectedLocal, "?", 0, $"本地第 {_expectedLocal} 条起的账本块 #{block.Last}: {unreadable}");
            }

            for (var i = 0; i < block.Entries.Count; i++)
            {
                var local = first + i;
                if (through is { } end && local > end)
                {
                    break;
                }

                if (local != _expectedLocal && LocalGap is null)
                {
                    // Keep going: the origin's chain names which entry is missing; this is the fallback.
                    var header = EntryBodyHeader.Read(block.Bytes, block.Entries[i].BodyOffset, block.Entries[i].BodyLength);
                    LocalGap = new ChainProblem(local, header?.Origin ?? "?", header?.Sequence ?? 0,
                        $"本地序号从 {_expectedLocal - 1} 跳到 {local}：有条目被删除 (local entries {_expectedLocal}..{local - 1} are missing)");
                }

                if (Check(local, block, pending, i) is { } problem)
                {
                    return problem;
                }

                _expectedLocal = local + 1;
                Entries++;
            }

            return null;
        }

        private ChainProblem? Check(long local, ReadBlock read, PendingBlock pending, int index)
        {
            var (block, at) = (read.Bytes, read.Entries[index]);
            if (pending.Headers[index] is not { } header)
            {
                return new ChainProblem(local, "?", 0, "条目正文无法解析 (the body is not a well-formed entry)");
            }

            var chain = Chains.Of(at.Body(block)[header.Origin]);
            var origin = chain.Origin;
            var sequence = header.Sequence;
            ChainProblem Bad(string reason) => new(local, origin, sequence, reason);

            var expectedSequence = chain.Sequence + 1;
            var linked = sequence == expectedSequence;
            if (chain.Partial && sequence > expectedSequence)
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

            if (linked && !at.PreviousHash(block).SequenceEqual(chain.Hash.Span))
            {
                return Bad("前序哈希与上一条目的哈希不符 (previous hash does not match the entry before it)");
            }

            if (index == pending.FirstAltered)
            {
                return Bad("哈希与内容不符：条目被篡改 (hash does not match the content: the entry was altered)");
            }

            chain.Sequence = sequence;
            chain.Hash = block.AsMemory(at.HashOffset, at.HashLength);
            chain.Local = local;
            return null;
        }
    }

    /// <summary>Where an entry's envelope lies in its body, read ahead of the in-order scan.</summary>
    private readonly record struct HeaderAt(Range Origin, long Sequence);

    /// <summary>
    /// One block document on its way through verify: read from LiteDB on the scanning thread;
    /// its entries found, their headers read and their hashes recomputed by
    /// <see cref="Prepare"/> on either thread (a hash depends only on the entry's own stored
    /// bytes); then linked in local order by <see cref="Scan"/>.
    /// </summary>
    private sealed class PendingBlock(BsonDocument document)
    {
        private volatile bool _prepared;
        private Exception? _error;

        public bool Prepared => _prepared;

        private ReadBlock? _read;

        /// <summary>
        /// Each entry's header, up to and including the first entry with a problem (a body that
        /// does not parse or a hash that does not match), since the scan stops there; null where
        /// the body is not well-formed, and after that entry.
        /// </summary>
        public HeaderAt?[] Headers { get; private set; } = [];

        /// <summary>The index of the first entry whose hash does not match its content; -1 if none.</summary>
        public int FirstAltered { get; private set; } = -1;

        public void Prepare()
        {
            try
            {
                var read = LedgerBlocks.Read(document);
                var headers = new HeaderAt?[read.Entries.Count];
                Span<byte> computed = stackalloc byte[EntryHash.Length];
                var index = 0;
                while (read.Problem is null && index < read.Entries.Count)
                {
                    var at = read.Entries[index];
                    var body = at.Body(read.Bytes);
                    var readable = EntryBodyHeader.TryLocate(body, out var origin, out var sequence, out _);
                    headers[index++] = readable ? new HeaderAt(origin, sequence) : null;
                    if (!readable)
                    {
                        break;
                    }

                    if (!EntryHash.TryCompute(at.PreviousHash(read.Bytes), body, computed) || !computed.SequenceEqual(at.Hash(read.Bytes)))
                    {
                        FirstAltered = index - 1;
                        break;
                    }
                }

                (_read, Headers) = (read, headers);
            }
#pragma warning disable CA1031 // Handed to the scanning thread, which throws it where the scan stands.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _error = ex;
            }
            finally
            {
                _prepared = true;
            }
        }

        /// <summary>The block as read, once prepared; throws what preparing it threw.</summary>
        public ReadBlock Result()
        {
            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }

            return _read!;
        }
    }

    /// <summary>
    /// Prepares blocks on a second thread while the scanning thread reads the next ones from
    /// LiteDB: whole blocks through a short queue (one hand-off per block of up to 64 entries,
    /// not per entry). The scanning thread prepares the oldest queued block itself whenever the
    /// helper falls behind, so both cores stay busy whichever half is the slower on a given
    /// store (a first read from the file costs LiteDB more than a read from its cache). Measured,
    /// hashing each entry on the thread pool saved nothing by the clock: the hand-offs cost what
    /// the hashing saved.
    /// </summary>
    private sealed class BlockPipeline(bool twoThreads) : IDisposable
    {
        /// <summary>Blocks read before the helper thread starts: a small ledger is verified on one thread.</summary>
        private const int HelperAfter = 8;

        /// <summary>Queued blocks beyond which the scanning thread prepares the oldest itself.</summary>
        private const int Backlog = 2;

        /// <summary>Blocks read ahead of the oldest one not yet linked, at most: the memory verify holds.</summary>
        private const int ReadAhead = 64;

        private readonly object _gate = new();
        private readonly Queue<PendingBlock> _queued = new();
        private readonly Queue<PendingBlock> _inOrder = new();
        private readonly SemaphoreSlim _available = new(0);
        private Thread? _helper;
        private bool _closed;
        private int _added;

        public void Add(PendingBlock block)
        {
            _inOrder.Enqueue(block);
            lock (_gate)
            {
                _queued.Enqueue(block);
            }

            if (_helper is not null)
            {
                _available.Release();
            }
            else if (twoThreads && ++_added >= HelperAfter)
            {
                // Kept only once started, so that Dispose never joins a thread that did not start.
                var helper = new Thread(Help) { IsBackground = true, Name = "ledger verify" };
                helper.Start();
                _helper = helper;
                _available.Release();
            }

            while (TakeQueued(_helper is null ? 0 : Backlog) is { } own)
            {
                own.Prepare();
            }

            if (_inOrder.Count > ReadAhead)
            {
                WaitFor(_inOrder.Peek());
            }
        }

        /// <summary>The oldest block, if prepared, for linking; null if it is not ready yet.</summary>
        public PendingBlock? TakeLinkable() =>
            _inOrder.TryPeek(out var oldest) && oldest.Prepared ? _inOrder.Dequeue() : null;

        /// <summary>The oldest block, once prepared (on this thread if still queued); null when none are left.</summary>
        public PendingBlock? TakeInOrder()
        {
            if (!_inOrder.TryPeek(out var oldest))
            {
                return null;
            }

            WaitFor(oldest);
            return _inOrder.Dequeue();
        }

        private void WaitFor(PendingBlock block)
        {
            // Prepare what is still queued up to it here; the block itself may be in the helper's hands.
            while (!block.Prepared && TakeQueued(0) is { } queued)
            {
                queued.Prepare();
            }

            var spin = default(SpinWait);
            while (!block.Prepared)
            {
                // Never Thread.Sleep(1): a block takes tens of microseconds to prepare.
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        private PendingBlock? TakeQueued(int leave)
        {
            lock (_gate)
            {
                return _queued.Count > leave ? _queued.Dequeue() : null;
            }
        }

        private void Help()
        {
            while (true)
            {
                _available.Wait();
                PendingBlock? block;
                lock (_gate)
                {
                    if (_closed)
                    {
                        return;
                    }

                    if (!_queued.TryDequeue(out block))
                    {
                        continue;
                    }
                }

                block.Prepare();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _closed = true;
            }

            if (_helper is not null)
            {
                _available.Release();
                _helper.Join();
            }

            _available.Dispose();
        }
    }

    /// <summary>
    /// The chains met so far, by origin. Entries of one origin usually follow each other, so the
    /// origin's bytes are first compared with the last chain's (no string made per entry).
    /// </summary>
    private sealed class Chains(string? nodeCode)
    {
        private readonly Dictionary<string, ChainState> _byOrigin = new(StringComparer.Ordinal);
        private ChainState? _last;

        public IEnumerable<ChainState> All => _byOrigin.Values;

        public ChainState Of(ReadOnlySpan<byte> originBytes)
        {
            if (_last is not null && originBytes.SequenceEqual(_last.OriginBytes))
            {
                return _last;
            }

            var origin = System.Text.Encoding.UTF8.GetString(originBytes);
            if (!_byOrigin.TryGetValue(origin, out var chain))
            {
                // Origins outside this node's subtree are data a parent opened to it: only the entries
                // that concern this node are held, so gaps are expected; order and each hash are not.
                chain = new ChainState(origin, originBytes.ToArray(), nodeCode is not null && !DivisionCode.IsWithin(origin, nodeCode));
                _byOrigin[origin] = chain;
            }

            return _last = chain;
        }
    }

    /// <summary>Where an origin's chain stands during the scan (mutable: one per origin, not one per entry).</summary>
    private sealed class ChainState(string origin, byte[] originBytes, bool partial)
    {
        public string Origin { get; } = origin;

        public byte[] OriginBytes { get; } = originBytes;

        public bool Partial { get; } = partial;

        public long Sequence { get; set; }

        public ReadOnlyMemory<byte> Hash { get; set; } = EntryHash.Genesis;

        public long Local { get; set; }

        public ChainHead ToHead() => new(Origin, Sequence, Hash.ToArray(), Local, DateTime.MinValue);
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
