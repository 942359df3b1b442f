using ExchangeNode.NodeAgent.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Pushes the feed to the parent; when the parent cannot be reached, retries with backoff.</summary>
[DisallowConcurrentExecution]
internal sealed class PushJob(NodeSession session, ILogger<PushJob> logger) : IJob
{
    public static readonly JobKey Key = new("push", "sync");
    private const string AttemptKey = "attempt";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await session.Parent.PushAsync(cancellationToken);
        }
        catch (NodeConfigException ex)
        {
            // No retry: the schedule tries again, and the message says which key to set.
            SyncLog.PushFailed(logger, ex.Message, session.Sync.PushInterval);
        }
        catch (Exception ex) when (ParentSync.IsUnreachable(ex) || ex is PushRefusedException or Ledger.ChainBrokenException)
        {
            var attempt = context.MergedJobDataMap.TryGetValue(AttemptKey, out var value) && value is int previous ? previous + 1 : 1;
            var delay = Backoff(session.Sync, attempt);
            SyncLog.PushFailed(logger, ex.Message, delay);
            var retry = TriggerBuilder.Create()
                .ForJob(Key)
                .StartAt(session.Time.GetUtcNow() + delay)
                .UsingJobData(AttemptKey, attempt)
                .Build();
            await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
        }
    }

    /// <summary>RetryAfter, doubling with each failed attempt, never beyond the push interval.</summary>
    public static TimeSpan Backoff(SyncOptions options, int attempt)
    {
        var doubled = options.RetryAfter * Math.Pow(2, Math.Min(attempt - 1, 20));
        return doubled < options.PushInterval ? doubled : options.PushInterval;
    }
}
