using ExchangeNode.NodeAgent.Admin;
using ExchangeNode.NodeAgent.Sync;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Registers the agent's services.</summary>
internal static class NodeAgentServiceCollectionExtensions
{
    public static IServiceCollection AddNodeAgent(this IServiceCollection services, IConfiguration configuration, NodeSession session)
    {
        services.AddSingleton(session);
        services.AddSingleton(session.Time);
        services.AddSingleton<IValidator<NodeOptions>, NodeOptionsValidator>();
        services.AddOptions<NodeOptions>()
            .Bind(configuration.GetSection(NodeOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, FluentValidateOptions<NodeOptions>>();
        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();

        // A batch is bounded by count and by bytes (ParentSync); the admin channel carries whole input files.
        services.AddGrpc()
            .AddServiceOptions<ExchangeService>(o => o.MaxReceiveMessageSize = ParentSync.MaxBatchBytes * 2)
            .AddServiceOptions<NodeAdminService>(o => o.MaxReceiveMessageSize = null);
        services.AddGrpcHealthChecks().AddCheck("ledger", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddSingleton<AdminCommandRunner>();
        services.AddSingleton<IChildAuthenticator, CredentialAuthenticator>();
        services.AddSingleton<FeedReceiver>();
        services.AddHostedService<BacklogWatcher>();
        var sync = session.Sync;

        services.AddQuartz(q =>
        {
            q.AddJob<LedgerCheckpointJob>(j => j.WithIdentity(LedgerCheckpointJob.Key));
            q.AddTrigger(t => t.ForJob(LedgerCheckpointJob.Key)
                .StartAt(DateTimeOffset.UtcNow + store.CheckpointInterval)
                .WithSimpleSchedule(s => s.WithInterval(store.CheckpointInterval).RepeatForever()));

            // Art. 28: each level reports upward at most every 24 hours; at start at once, to catch up.
            if (session.Node.Parent.Length > 0)
            {
                q.AddJob<PushJob>(j => j.WithIdentity(PushJob.Key));
                q.AddTrigger(t => t.ForJob(PushJob.Key).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(sync.PushInterval).RepeatForever()));
                q.AddJob<PullJob>(j => j.WithIdentity(PullJob.Key));
                q.AddTrigger(t => t.ForJob(PullJob.Key).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(sync.PullInterval).RepeatForever()));
            }

            foreach (var adapter in session.Adapters.Configured.Where(a => a.Enabled))
            {
                var key = Ingest.AdapterJob.KeyFor(adapter.Name);
                q.AddJob<Ingest.AdapterJob>(j => j.WithIdentity(key).UsingJobData(Ingest.AdapterJob.NameKey, adapter.Name));
                q.AddTrigger(t =>
                {
                    t.ForJob(key).StartNow();
                    if (!string.IsNullOrWhiteSpace(adapter.Cron))
                    {
                        t.WithCronSchedule(adapter.Cron);
                    }
                    else
                    {
                        t.WithSimpleSchedule(s => s.WithInterval(adapter.Interval!.Value).RepeatForever());
                    }
                });
            }

            var freshnessEvery = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, sync.WarnAfter.Ticks / 4));
            q.AddJob<FreshnessJob>(j => j.WithIdentity(FreshnessJob.Key));
            q.AddTrigger(t => t.ForJob(FreshnessJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(freshnessEvery).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
