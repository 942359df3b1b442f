using System.Text.Json;
using ExchangeNode.Tests.Support;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

/// <summary>The agent as county IT runs it: a real process, gRPC on 127.0.0.1, stopped by the service manager.</summary>
public sealed class AgentTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Agent_WhileRunning_ServesHealthAndAnswersDataCommands_ThenStopsCleanly()
    {
        using var node = await TestNode.CreateAsync();
        using var agent = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        await WaitUntilServingAsync(node, agent);

        using (var channel = GrpcChannel.ForAddress(node.Listen))
        {
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }

        var import = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"), "--json");
        var cases = await node.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"), "--json");
        var verify = await node.RunAsync("ledger", "verify", "--json");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(cases.ExitCode == 0, cases.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var accepted = JsonDocument.Parse(import.Output).RootElement.GetProperty("accepted").GetInt32()
            + JsonDocument.Parse(cases.Output).RootElement.GetProperty("accepted").GetInt32();
        Assert.Equal(accepted, JsonDocument.Parse(verify.Output).RootElement.GetProperty("entries").GetInt32());
        Assert.True(
            await Eventually.TrueAsync(() => agent.Output.Contains("Admin command: ledger verify", StringComparison.Ordinal), StartTimeout),
            "the commands ran inside the agent: " + agent.Output);

        var stopped = await agent.StopAsync(StartTimeout);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.False(File.Exists(Path.Combine(node.Data, "agent.sock")));
        var offline = await node.RunAsync("ledger", "verify", "--json");
        Assert.Equal(accepted, JsonDocument.Parse(offline.Output).RootElement.GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task Agent_SecondInstanceOnTheSameNode_RefusesToStart()
    {
        using var node = await TestNode.CreateAsync();
        using var first = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        await WaitUntilServingAsync(node, first);

        using var second = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        var result = await second.WaitForExitAsync(StartTimeout);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already runs", result.Error, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Agent_KilledAndRestarted_KeepsEveryCommittedEntry()
    {
        using var node = await TestNode.CreateAsync();
        var agent = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        await WaitUntilServingAsync(node, agent);
        var import = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"), "--json");
        var accepted = JsonDocument.Parse(import.Output).RootElement.GetProperty("accepted").GetInt32();

        agent.Kill();
        agent.Dispose();
        using var restarted = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        await WaitUntilServingAsync(node, restarted);
        var verify = await node.RunAsync("ledger", "verify", "--json");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(accepted, JsonDocument.Parse(verify.Output).RootElement.GetProperty("entries").GetInt32());
    }

    private static async Task WaitUntilServingAsync(TestNode node, RunningProcess agent)
    {
        var started = await Eventually.TrueAsync(
            () => agent.HasExited || agent.Output.Contains("Application started", StringComparison.Ordinal),
            StartTimeout);
        Assert.True(started && !agent.HasExited, $"agent did not start:{Environment.NewLine}{agent.Output}{Environment.NewLine}{agent.Error}");
        Assert.True(File.Exists(Path.Combine(node.Data, "agent.sock")));
    }
}
