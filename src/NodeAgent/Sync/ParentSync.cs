using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// The child's side of the exchange: push the feed up (Art. 28), pull down what is opened to
/// this node, take back this node's own entries from the parent. One exchange at a time.
/// The parent's stored state is the truth at every handshake.
/// </summary>
internal sealed class ParentSync(NodeSession session) : IDisposable
{
    /// <summary>
    /// A failure to reach the parent (down, the network, a refused or broken call) that a later
    /// attempt may not meet: the jobs log it and try again, the agent starts without it.
    /// </summary>
    public static bool IsUnreachable(Exception ex) => ex is RpcException or HttpRequestException or IOException;

    /// <summary>A pushed or pulled batch stays under this many bytes, whatever its count.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>True while an exchange with the parent is under way.</summary>
    public bool Pushing => _gate.CurrentCount == 0;

    /// <summary>Entries of the feed after the last acknowledgement (an upper bound: opened data pulled since counts too).</summary>
    public long Backlog => BacklogAfter(session.SyncState.PushCursor);

    /// <summary>What is left to push after the parent acknowledged through <paramref name="cursor"/>.</summary>
    public long BacklogAfter(long cursor) => Math.Max(0, session.Ledger.LastLocalSequence - cursor);

    public void Dispose() => _gate.Dispose();

    public Task<PushReport> PushAsync(CancellationToken cancellationToken) =>
        WithParentAsync(async (client, headers) =>
        {
            var parent = await HandshakeAsync(client, headers, cancellationToken);
            var recovered = await RecoverOwnAsync(client, headers, parent, cancellationToken);
            var report = await StreamFeedAsync(client, headers, parent.Heads, recovered, cancellationToken);
            SyncLog.Pushed(Logger, report.Sent, report.Applied, report.AlreadyHeld, report.Backlog);
            return report;
        }, cancellationToken);

    public Task<long> PullAsync(CancellationToken cancellationToken) =>
        WithParentAsync(async (client, headers) =>
        {
            using var call = client.Pull(
                new PullRequest { After = session.SyncState.PullCursor, BatchSize = session.Sync.BatchSize },
                headers,
                cancellationToken: cancellationToken);
            long applied = 0;
            await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                applied += ApplyFromParent(batch, partial: true, expectOwnOrigin: false);
            }

            SyncLog.Pulled(Logger, applied);
            return applied;
        }, cancellationToken);

    /// <summary>Takes back this node's own entries that the parent holds beyond what this store has.</summary>
    public Task<long> RestoreAsync(CancellationToken cancellationToken) =>
        WithParentAsync(async (client, headers) =>
        {
            var parent = await HandshakeAsync(client, headers, cancellationToken);
            return await RecoverOwnAsync(client, headers, parent, cancellationToken);
        }, cancellationToken);

    /// <summary>One exchange at a time, over a channel to the parent opened for it.</summary>
    private async Task<T> WithParentAsync<T>(Func<Exchange.ExchangeClient, Metadata, Task<T>> exchange, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (channel, headers) = ParentChannel.Open(session);
            using (channel)
            {
                return await exchange(new Exchange.ExchangeClient(channel), headers);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The parent's heads of every origin in this node's subtree, and its head of this node's own chain.</summary>
    private async Task<(Dictionary<string, long> Heads, OriginHead? Own)> HandshakeAsync(Exchange.ExchangeClient client, Metadata headers, CancellationToken cancellationToken)
    {
        var request = new HandshakeRequest { NodeName = session.Node.Name, Backlog = Backlog };
        request.Heads.AddRange(session.Ledger.Heads.Where(h => DivisionCode.IsWithin(h.Origin, session.Node.Code)).Select(FeedReceiver.ToWire));
        var response = await client.HandshakeAsync(request, headers, DateTime.UtcNow + CallTimeout, cancellationToken);
        if (response.ChildCode != session.Node.Code)
        {
            throw new NodeConfigException(
                $"上级认定本节点为 {response.ChildCode}，但本节点代码为 {session.Node.Code}：凭证不属于本节点 (Sync:Credential belongs to another node)");
        }

        return (
            response.Heads.ToDictionary(h => h.Origin, h => h.Sequence, StringComparer.Ordinal),
            response.Heads.FirstOrDefault(h => h.Origin == session.Node.Code));
    }

    /// <summary>
    /// A child behind its parent on its own chain (it lost entries it had pushed) takes them
    /// back before it appends anything new, so it never numbers new entries over them.
    /// </summary>
    /// <remarks>
    /// What the parent holds of the own chain is recorded first (<see cref="ParentAck"/>): until
    /// this node holds it too, local appends are refused, even if this exchange breaks off.
    /// </remarks>
    private async Task<long> RecoverOwnAsync(
        Exchange.ExchangeClient client, Metadata headers, (Dictionary<string, long> Heads, OriginHead? Own) parent, CancellationToken cancellationToken)
    {
        if (parent.Own is { } confirmed)
        {
            session.ParentAck.Raise(confirmed.Sequence, confirmed.Hash.Span);
        }

        var own = session.Ledger.HeadOf(session.Node.Code)?.Sequence ?? 0;
        if ((parent.Own?.Sequence ?? 0) <= own)
        {
            SettleLostOnBothSides(parent.Own);
            return 0;
        }

        using var call = client.Recover(new RecoverRequest { AfterSequence = own }, headers, cancellationToken: cancellationToken);
        long recovered = 0;
        await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            recovered += ApplyFromParent(batch, partial: false, expectOwnOrigin: true);
        }

        SyncLog.Recovered(Logger, recovered);
        SettleLostOnBothSides(parent.Own);
        return recovered;
    }

    /// <summary>
    /// Own entries the parent once confirmed that neither side holds any more (both woke up
    /// behind): the record comes down to what the parent holds, a red alert entry says which
    /// entries were lost, and numbering continues after this node's head. Without this the
    /// guard on local appends would wait for entries that no longer exist anywhere.
    /// </summary>
    private void SettleLostOnBothSides(OriginHead? parentOwn)
    {
        var own = session.Ledger.HeadOf(session.Node.Code)?.Sequence ?? 0;
        var acknowledged = session.ParentAck.Sequence;
        var parentHolds = parentOwn?.Sequence ?? 0;
        if (own >= acknowledged || parentHolds > own)
        {
            // Nothing missing here, or the parent still holds what is missing: the next exchange takes it back.
            return;
        }

        var lastLostHash = Convert.ToHexStringLower(session.ParentAck.Hash);
        session.ParentAck.Lower(parentHolds, parentOwn is null ? [] : parentOwn.Hash.Span);
        using (var transaction = session.Ledger.Begin())
        {
            transaction.AppendAlert(
                "chain.lost",
                AlertLevel.Red,
                session.Node.Code,
                $"本节点 {session.Node.Code} 自身链第 {own + 1} 至 {acknowledged} 条曾经上级确认，现在本地和上级均已丢失（双方断电后都醒来落后），编号自第 {own + 1} 条继续 " +
                    $"(own entries #{own + 1}..#{acknowledged}, once confirmed by the parent, were lost here and at the parent: both woke up behind; " +
                    $"numbering continues from #{own + 1}; the hash of #{acknowledged} was {lastLostHash})",
                session.Node.Code);
            transaction.Commit();
        }

        SyncLog.LostOnBothSides(Logger, own + 1, acknowledged);
    }

    private long ApplyFromParent(PullBatch batch, bool partial, bool expectOwnOrigin)
    {
        long applied = 0;
        var bodies = batch.Entries.Select(entry => EntryBody.Parser.ParseFrom(entry.Body)).ToList();
        using var transaction = session.Ledger.Begin();
        transaction.Prefetch(bodies.Select(body => body.Record));
        foreach (var (entry, body) in batch.Entries.Zip(bodies))
        {
            var own = DivisionCode.IsWithin(body.Origin, session.Node.Code);
            if (expectOwnOrigin ? body.Origin != session.Node.Code : own)
            {
                throw new ChainBrokenException(body.Origin, body.OriginSequence,
                    $"上级发来不应发来的条目：来源 {body.Origin} (the parent sent an entry of an origin it should not have)");
            }

            if (transaction.AppendForeign(entry, body, partial))
            {
                applied++;
            }
        }

        if (partial)
        {
            session.SyncState.SavePull(batch.Cursor, session.Time.GetUtcNow().UtcDateTime);
        }

        transaction.Commit();
        return applied;
    }

    private async Task<PushReport> StreamFeedAsync(
        Exchange.ExchangeClient client, Metadata headers, Dictionary<string, long> parentHeads, long recovered, CancellationToken cancellationToken)
    {
        var (cursor, ackedHeads, _) = session.SyncState.Push;
        cursor = StartCursor(cursor, ackedHeads, parentHeads);
        using var call = client.Push(headers, cancellationToken: cancellationToken);
        using var window = new SemaphoreSlim(session.Sync.Window);
        var inFlight = new Queue<(long BatchId, long LastLocal, Dictionary<string, long> Range)>();
        long applied = 0, held = 0, sent = 0;
        var acknowledgedThrough = cursor;
        var heads = new Dictionary<string, long>(ackedHeads, StringComparer.Ordinal);

        var acks = Task.Run(async () =>
        {
            await foreach (var ack in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                (long BatchId, long LastLocal, Dictionary<string, long> Range) batch;
                lock (inFlight)
                {
                    batch = inFlight.Dequeue();
                }

                if (ack.BatchId != batch.BatchId)
                {
                    throw new PushRefusedException($"acknowledgement for batch {ack.BatchId} arrived where batch {batch.BatchId} was due");
                }

                if (ack.Refused.Length > 0)
                {
                    throw new PushRefusedException(ack.Refused);
                }

                // The parent committed the batch: it holds the own chain at least this far.
                if (ack.Heads.FirstOrDefault(h => h.Origin == session.Node.Code) is { } own)
                {
                    session.ParentAck.Raise(own.Sequence, own.Hash.Span);
                }

                applied += ack.Applied;
                held += ack.AlreadyHeld;
                // What the parent now holds at least: every entry of the batch's range, sent or skipped
                // as already held. Kept with the cursor, so that a parent found holding less at a later
                // handshake (it woke up behind) is noticed and fed again.
                foreach (var (origin, sequence) in batch.Range)
                {
                    heads[origin] = Math.Max(heads.GetValueOrDefault(origin), sequence);
                }

                acknowledgedThrough = batch.LastLocal;
                session.SyncState.SavePush(acknowledgedThrough, heads, session.Time.GetUtcNow().UtcDateTime);
                window.Release();
            }
        }, cancellationToken);

        long batchId = 0;
        var next = cursor;
        while (true)
        {
            var entries = session.Ledger.ReadRaw(next, session.Sync.BatchSize);
            if (entries.Count == 0)
            {
                break;
            }

            // Large records: cut the page where it would pass the byte bound; the rest comes next turn.
            var take = 0;
            var bytes = 0L;
            while (take < entries.Count && (take == 0 || bytes + Size(entries[take]) <= MaxBatchBytes))
            {
                bytes += Size(entries[take]);
                take++;
            }

            next = entries[take - 1].LocalSequence;
            var batch = new PushBatch { BatchId = ++batchId, Backlog = session.Ledger.LastLocalSequence - next };
            var feed = entries.Take(take).Where(e => DivisionCode.IsWithin(e.Origin, session.Node.Code)).ToList();
            var range = feed.GroupBy(e => e.Origin, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => e.Sequence), StringComparer.Ordinal);
            batch.Entries.AddRange(feed.Where(e => e.Sequence > parentHeads.GetValueOrDefault(e.Origin)).Select(e => e.Entry));
            sent += batch.Entries.Count;

            // Memory is bounded by the window of batches, not by the backlog (invariant 7).
            if (await Task.WhenAny(window.WaitAsync(cancellationToken), acks) == acks)
            {
                break;
            }

            lock (inFlight)
            {
                inFlight.Enqueue((batch.BatchId, next, range));
            }

            await call.RequestStream.WriteAsync(batch, cancellationToken);
        }

        if (batchId == 0 && await Task.WhenAny(window.WaitAsync(cancellationToken), acks) != acks)
        {
            // Nothing new: an empty batch still reports, so the parent knows this node is up to date (Art. 28).
            lock (inFlight)
            {
                inFlight.Enqueue((++batchId, cursor, []));
            }

            await call.RequestStream.WriteAsync(new PushBatch { BatchId = batchId, Backlog = 0 }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        await acks;
        return new PushReport(sent, applied, held, recovered, acknowledgedThrough, BacklogAfter(acknowledgedThrough));
    }

    internal static int Size(RawEntry entry) => entry.Entry.Body.Length + (2 * EntryHash.Length) + 16;

    /// <summary>
    /// Where the feed resumes: after the last acknowledged entry, unless the parent now holds
    /// less than it acknowledged (it woke up behind), in which case back to the first entry it lacks.
    /// </summary>
    private long StartCursor(long cursor, Dictionary<string, long> ackedHeads, Dictionary<string, long> parentHeads)
    {
        var need = ackedHeads
            .Where(h => parentHeads.GetValueOrDefault(h.Key) < h.Value)
            .ToDictionary(h => h.Key, h => parentHeads.GetValueOrDefault(h.Key) + 1, StringComparer.Ordinal);
        foreach (var entry in session.Ledger.ReadRawBackward(cursor).TakeWhile(_ => need.Count > 0))
        {
            if (need.TryGetValue(entry.Origin, out var wanted) && entry.Sequence >= wanted)
            {
                cursor = Math.Min(cursor, entry.LocalSequence - 1);
                if (entry.Sequence == wanted)
                {
                    need.Remove(entry.Origin);
                }
            }
        }

        return need.Count > 0 ? 0 : cursor;
    }
}
