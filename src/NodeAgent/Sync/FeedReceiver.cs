using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// Applies batches pushed by a child: all or nothing, idempotent by origin and sequence, every
/// origin's chain checked (invariant 3); a refused batch becomes an alert entry here.
/// </summary>
internal sealed class FeedReceiver(NodeSession session, ILogger<FeedReceiver> logger) : IDisposable
{
    // The ledger has one writer: batches of children pushing at once are parsed and written one
    // after the other, and the others wait unparsed, so memory is bounded by a batch, not by the
    // number of children (invariant 7). Their streams stay unread meanwhile; HTTP/2 flow control
    // holds their senders.
    private readonly SemaphoreSlim _oneBatchAtATime = new(1, 1);

    public void Dispose() => _oneBatchAtATime.Dispose();

    /// <summary>Waits for the batches of other children to be applied, then applies this one.</summary>
    public async Task<PushAck> ApplyAsync(string childCode, PushBatch batch, CancellationToken cancellationToken)
    {
        await _oneBatchAtATime.WaitAsync(cancellationToken);
        try
        {
            return Apply(childCode, batch);
        }
        finally
        {
            _oneBatchAtATime.Release();
        }
    }

    public PushAck Apply(string childCode, PushBatch batch)
    {
        var bodies = new List<EntryBody>(batch.Entries.Count);
        foreach (var entry in batch.Entries)
        {
            EntryBody body;
            try
            {
                body = EntryBody.Parser.ParseFrom(entry.Body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                return Refuse(childCode, batch, $"第 {bodies.Count + 1} 条正文无法解析 (entry {bodies.Count + 1} of the batch does not parse: {ex.Message})");
            }

            if (!DivisionCode.IsWithin(body.Origin, childCode))
            {
                throw new OutsideSubtreeException(body.Origin, body.OriginSequence);
            }

            bodies.Add(body);
        }

        var ack = new PushAck { BatchId = batch.BatchId };
        var touched = new HashSet<string>(StringComparer.Ordinal);
        using (var transaction = session.Ledger.Begin())
        {
            transaction.Prefetch(bodies.Select(body => body.Record));
            try
            {
                for (var i = 0; i < bodies.Count; i++)
                {
                    if (transaction.AppendForeign(batch.Entries[i], bodies[i]))
                    {
                        ack.Applied++;
                    }
                    else
                    {
                        ack.AlreadyHeld++;
                    }

                    touched.Add(bodies[i].Origin);
                }
            }
            catch (ChainBrokenException ex)
            {
                transaction.Dispose();
                return Refuse(childCode, batch, $"{ex.Message} [origin {ex.Origin} sequence {ex.Sequence}]");
            }

            session.Children.Touch(childCode, batch.Backlog, delivered: true);
            transaction.Commit();
        }

        ack.Heads.AddRange(touched.Order(StringComparer.Ordinal).Select(o => ToWire(session.Ledger.HeadOf(o)!)));
        return ack;
    }

    /// <summary>Records the backlog a child reports outside a push (at its handshake), in its own transaction.</summary>
    public void Touch(string childCode, long? backlog)
    {
        if (backlog is not { } reported)
        {
            // A pull reports no backlog, and a call alone does not restart the freshness clock: nothing to record.
            return;
        }

        using var transaction = session.Ledger.Begin();
        session.Children.Touch(childCode, reported, delivered: false);
        transaction.Commit();
    }

    public static OriginHead ToWire(ChainHead head) => new()
    {
        Origin = head.Origin,
        Sequence = head.Sequence,
        Hash = ByteString.CopyFrom(head.Hash),
    };

    private PushAck Refuse(string childCode, PushBatch batch, string reason)
    {
        SyncLog.BatchRefused(logger, childCode, reason);
        using (var transaction = session.Ledger.Begin())
        {
            transaction.AppendAlert(
                "chain.refused",
                AlertLevel.Red,
                childCode,
                $"下级 {childCode} 推送的批次被拒收，未应用任何条目 (batch refused, nothing applied): {reason}",
                childCode);
            transaction.Commit();
        }

        return new PushAck { BatchId = batch.BatchId, Refused = reason };
    }
}
