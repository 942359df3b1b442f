using ExchangeNode.NodeAgent.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Pulls what the parent opens to this node; a failure waits for the next interval.</summary>
[DisallowConcurrentExecution]
internal sealed class PullJob(NodeSession session, ILogger<PullJob> logger) : IJob
{
    public static readonly JobKey Key = new("pull", "sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await session.Parent.PullAsync(cancellationToken);
        }
        catch (Exception ex) when (ParentSync.IsUnreachable(ex) || ex is Ledger.ChainBrokenException or NodeConfigException)
        {
            SyncLog.PullFailed(logger, ex.Message);
        }
    }
}
