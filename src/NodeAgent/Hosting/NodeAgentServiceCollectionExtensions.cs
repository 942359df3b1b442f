using ExchangeNode.NodeAgent.Admin;
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

        services.AddGrpc();
        services.AddGrpcHealthChecks().AddCheck("ledger", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddSingleton<AdminCommandRunner>();

        services.AddQuartz(q =>
        {
            q.AddJob<LedgerCheckpointJob>(j => j.WithIdentity(LedgerCheckpointJob.Key));
            q.AddTrigger(t => t.ForJob(LedgerCheckpointJob.Key)
                .StartAt(DateTimeOffset.UtcNow + store.CheckpointInterval)
                .WithSimpleSchedule(s => s.WithInterval(store.CheckpointInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
