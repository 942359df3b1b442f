using ExchangeNode.NodeAgent.Hosting;
using Quartz;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Checks how long each child has been silent and raises the alerts due (Art. 28).</summary>
[DisallowConcurrentExecution]
internal sealed class FreshnessJob(NodeSession session) : IJob
{
    public static readonly JobKey Key = new("freshness", "sync");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        session.Freshness.RaiseAlerts();
        return ValueTask.CompletedTask;
    }
}
