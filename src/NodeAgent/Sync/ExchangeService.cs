using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>The parent's side of the exchange (exchange.proto).</summary>
internal sealed class ExchangeService(
    NodeSession session,
    IChildAuthenticator authenticator,
    FeedReceiver receiver,
    ILogger<ExchangeService> logger) : Exchange.ExchangeBase
{
    private const int DefaultPullBatch = 500;

    public override Task<HandshakeResponse> Handshake(HandshakeRequest request, ServerCallContext context)
    {
        var child = authenticator.Authenticate(context);
        receiver.Touch(child.Code, request.Backlog);
        var response = new HandshakeResponse
        {
            ParentCode = session.Node.Code,
            ChildCode = child.Code,
            ParentTime = Timestamp.FromDateTimeOffset(session.Time.GetUtcNow()),
        };
        response.Heads.AddRange(HeadsWithin(child.Code));
        return Task.FromResult(response);
    }

    public override async Task Push(IAsyncStreamReader<PushBatch> requestStream, IServerStreamWriter<PushAck> responseStream, ServerCallContext context)
    {
        var child = authenticator.Authenticate(context);
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            PushAck ack;
            try
            {
                ack = await receiver.ApplyAsync(child.Code, batch, context.CancellationToken);
            }
            catch (OutsideSubtreeException ex)
            {
                SyncLog.OutsideSubtree(logger, child.Code, ex.Origin);
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    $"Entry of origin {ex.Origin} sequence {ex.Sequence} is outside child {child.Code}'s subtree; nothing of the batch was applied."));
            }

            await responseStream.WriteAsync(ack, context.CancellationToken);
        }
    }

    public override async Task Pull(PullRequest request, IServerStreamWriter<PullBatch> responseStream, ServerCallContext context)
    {
        var child = authenticator.Authenticate(context);
        receiver.Touch(child.Code, backlog: null);
        var size = request.BatchSize is > 0 and <= 5000 ? request.BatchSize : DefaultPullBatch;
        // A cursor past the end of this ledger means this parent woke up behind the child's last pull
        // (a power loss): send from the start; the child skips what it holds.
        var cursor = request.After > session.Ledger.LastLocalSequence ? 0 : request.After;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var scanned = session.Ledger.ReadRaw(cursor, size);
            if (scanned.Count == 0)
            {
                return;
            }

            // At most `size` entries and about ParentSync.MaxBatchBytes per message; the cursor says where the next one starts.
            var batch = new PullBatch();
            var bytes = 0L;
            foreach (var entry in scanned)
            {
                if (batch.Entries.Count > 0 && bytes + ParentSync.Size(entry) > ParentSync.MaxBatchBytes)
                {
                    break;
                }

                if (DivisionCode.IsWithin(entry.Jurisdiction, child.Code) && !DivisionCode.IsWithin(entry.Origin, child.Code))
                {
                    batch.Entries.Add(entry.Entry);
                    bytes += ParentSync.Size(entry);
                }

                batch.Cursor = entry.LocalSequence;
            }

            cursor = batch.Cursor;
            await responseStream.WriteAsync(batch, context.CancellationToken);
        }
    }

    public override async Task Recover(RecoverRequest request, IServerStreamWriter<PullBatch> responseStream, ServerCallContext context)
    {
        var child = authenticator.Authenticate(context);
        var cursor = 0L;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var scanned = session.Ledger.ReadRaw(cursor, DefaultPullBatch * 4);
            if (scanned.Count == 0)
            {
                return;
            }

            cursor = scanned[^1].LocalSequence;
            var batch = new PullBatch { Cursor = cursor };
            batch.Entries.AddRange(scanned
                .Where(e => e.Origin == child.Code && e.Sequence > request.AfterSequence)
                .Select(e => e.Entry));
            if (batch.Entries.Count > 0)
            {
                await responseStream.WriteAsync(batch, context.CancellationToken);
            }
        }
    }

    public override Task<StatusResponse> Status(StatusRequest request, ServerCallContext context)
    {
        var child = authenticator.Authenticate(context);
        var record = session.Children.Find(child.Code)!;
        var response = new StatusResponse { ChildCode = child.Code, ReportedBacklog = record.ReportedBacklog };
        if (record.LastContact is { } contact)
        {
            response.LastContact = Timestamp.FromDateTime(DateTime.SpecifyKind(contact, DateTimeKind.Utc));
        }

        response.Heads.AddRange(HeadsWithin(child.Code));
        return Task.FromResult(response);
    }

    private IEnumerable<OriginHead> HeadsWithin(string code) =>
        session.Ledger.Heads
            .Where(h => DivisionCode.IsWithin(h.Origin, code))
            .OrderBy(h => h.Origin, StringComparer.Ordinal)
            .Select(FeedReceiver.ToWire);
}
