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
        var chains = new Chains();
        long expectedLocal = 1;
        long count = 0;
        ChainProblem? localGap = null;
        VerifyReport Failed(ChainProblem problem) => new(count, [.. chains.All.Select(h => h.ToHead())], problem);

        var entries = database.GetCollection(LedgerCollections.Entries);
        foreach (var block in ReadBlocks(entries, cancellationToken))
        {
            var first = block.First;
            if (snapshot is { } taken && first > taken.Through)
            {
                break;
            }

            if (block.Problem is { } unreadable)
            {
                return Failed(new ChainProblem(expectedLocal, "?", 0, $"本地第 {expectedLocal} 条起的账本块 #{block.Last}: {unreadable}"));
            }

            for (var i = 0; i < block.Entries.Count; i++)
            {
                var local = first + i;
                if (snapshot is { } through && local > through.Through)
                {
                    break;
                }

                if (local != expectedLocal && localGap is null)
                {
                    // Keep going: the origin's chain names which entry is missing; this is the fallback.
                    var header = EntryBodyHeader.Read(block.Bytes, block.Entries[i].BodyOffset, block.Entries[i].BodyLength);
                    localGap = new ChainProblem(local, header?.Origin ?? "?", header?.Sequence ?? 0,
                        $"本地序号从 {expectedLocal - 1} 跳到 {local}：有条目被删除 (local entries {expectedLocal}..{local - 1} are missing)");
                }

                if (Check(local, block, i, chains, nodeCode) is { } problem)
                {
                    return Failed(problem);
                }

                expectedLocal = local + 1;
                count++;
            }
        }

        var recorded = snapshot?.Heads ?? database.GetCollection(LedgerCollections.Heads).FindAll().Select(LedgerStore.ToHead).ToList();
        var found = chains.All.Select(h => h.ToHead()).ToDictionary(h => h.Origin, StringComparer.Ordinal);
        var tailProblem = CheckHeads(recorded, found) ?? localGap;
        return new VerifyReport(count, [.. found.Values.OrderBy(h => h.Origin, StringComparer.Ordinal)], tailProblem);
    }

    /// <summary>
    /// The ledger's blocks in local order, on this thread. Measured, reading ahead on a second
    /// thread and hashing on the thread pool verified no faster by the clock on two cores and
    /// cost 50% more CPU (hand-offs and waiting); one thread reading a block at a time keeps
    /// up with the hashing because a block is one LiteDB read for up to 64 entries.
    /// </summary>
    private static IEnumerable<ReadBlock> ReadBlocks(ILiteCollection<BsonDocument> entries, CancellationToken cancellationToken)
    {
        foreach (var doc in entries.Find(Query.All("_id", Query.Ascending)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return LedgerBlocks.Read(doc);
        }
    }

    private static ChainProblem? Check(long local, ReadBlock read, int index, Chains chains, string? nodeCode)
    {
        var (block, at) = (read.Bytes, read.Entries[index]);
        if (!EntryBodyHeader.TryRead(at.Body(block), out var originBytes, out var sequence, out _))
        {
            return new ChainProblem(local, "?", 0, "条目正文无法解析 (the body is not a well-formed entry)");
        }

        var head = chains.Of(originBytes, nodeCode);
        var origin = head.Origin;
        ChainProblem Bad(string reason) => new(local, origin, sequence, reason);

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

        var previousHash = at.PreviousHash(block);
        if (linked && !previousHash.SequenceEqual(head.Hash.Span))
        {
            return Bad("前序哈希与上一条目的哈希不符 (previous hash does not match the entry before it)");
        }

        Span<byte> computed = stackalloc byte[EntryHash.Length];
        if (!EntryHash.TryCompute(previousHash, at.Body(block), computed) || !computed.SequenceEqual(at.Hash(block)))
        {
            return Bad("哈希与内容不符：条目被篡改 (hash does not match the content: the entry was altered)");
        }

        head.Sequence = sequence;
        head.Hash = block.AsMemory(at.HashOffset, at.HashLength);
        head.Local = local;
        return null;
    }

    /// <summary>
    /// The chains met so far, by origin. Entries of one origin usually follow each other, so the
    /// origin's bytes are first compared with the last chain's (no string made per entry).
    /// </summary>
    private sealed class Chains
    {
        private readonly Dictionary<string, ChainState> _byOrigin = new(StringComparer.Ordinal);
        private ChainState? _last;

        public IEnumerable<ChainState> All => _byOrigin.Values;

        public ChainState Of(ReadOnlySpan<byte> originBytes, string? nodeCode)
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
