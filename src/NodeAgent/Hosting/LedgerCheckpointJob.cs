using Microsoft.Extensions.Logging;
using Quartz;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Writes the store's log into the data file on a schedule.</summary>
[DisallowConcurrentExecution]
internal sealed class LedgerCheckpointJob(NodeSession session, ILogger<LedgerCheckpointJob> logger) : IJob
{
    public static readonly JobKey Key = new("ledger-checkpoint", "store");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        session.Store.Database.Checkpoint();
        AgentLog.Checkpointed(logger);
        return ValueTask.CompletedTask;
    }
}
