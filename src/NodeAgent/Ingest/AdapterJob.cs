using ExchangeNode.Adapters;
using ExchangeNode.NodeAgent.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>Runs one adapter on its own schedule; a failure is kept in its state (adapter list) and retried at the next fire.</summary>
[DisallowConcurrentExecution]
internal sealed class AdapterJob(NodeSession session, ILogger<AdapterJob> logger) : IJob
{
    public const string NameKey = "adapter";

    public static JobKey KeyFor(string name) => new(name, "adapters");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.MergedJobDataMap.GetString(NameKey)!;
        try
        {
            var run = await session.Adapters.RunAsync(name, cancellationToken);
            IngestLog.Ran(logger, name, run.Accepted, run.Unchanged, run.Rejected);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestLog.Failed(logger, name, ex.Message);
        }
    }
}
