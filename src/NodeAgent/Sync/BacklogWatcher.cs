using ExchangeNode.NodeAgent.Hosting;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>Starts a push at once when the backlog passes Sync:PushThreshold, without waiting for the schedule.</summary>
internal sealed class BacklogWatcher(NodeSession session, ISchedulerFactory schedulers) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (session.Node.Parent.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckEvery, session.Time);
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (session.Parent.Backlog >= session.Sync.PushThreshold && !session.Parent.Pushing)
            {
                await scheduler.TriggerJob(PushJob.Key, new JobDataMap(), stoppingToken);
            }
        }
    }
}
