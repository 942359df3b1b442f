using System.Text.Json;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Sync;

/// <summary>
/// LiteDB in direct mode does not fsync each commit: after a power loss either side can wake up
/// a few entries behind what the other saw. Simulated here by putting back an older copy of a file.
/// </summary>
public sealed class PowerLossTests
{
    [Fact]
    public async Task Parent_WakingUpBehind_SimplyReceivesTheLostEntriesAgain()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        var older = Path.Combine(city.Folder, "city-older.db");
        using (var agent = await city.StartAgentAsync())
        {
            Assert.Equal(0, (await fengxian.RunAsync("sync", "push")).ExitCode);
            await agent.StopAsync(TimeSpan.FromSeconds(30));
        }

        File.Copy(Path.Combine(city.Data, "node.db"), older);
        await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        using (var agent = await city.StartAgentAsync())
        {
            Assert.Equal(0, (await fengxian.RunAsync("sync", "push")).ExitCode);
            await agent.StopAsync(TimeSpan.FromSeconds(30));
        }

        File.Copy(older, Path.Combine(city.Data, "node.db"), overwrite: true);
        using var restarted = await city.StartAgentAsync();
        var push = await fengxian.RunAsync("sync", "push", "--json");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.True(JsonDocument.Parse(push.Output).RootElement.GetProperty("applied").GetInt64() > 1000, push.Output);
        Assert.Equal((await fengxian.ChainsAsync())["320321"], (await city.ChainsAsync())["320321"]);
    }

    [Fact]
    public async Task Child_WakingUpBehindItsParent_TakesItsEntriesBackBeforeAnythingNew()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        var older = Path.Combine(fengxian.Folder, "county-older.db");
        File.Copy(Path.Combine(fengxian.Data, "node.db"), older);
        await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        using var cityAgent = await city.StartAgentAsync();
        Assert.Equal(0, (await fengxian.RunAsync("sync", "push")).ExitCode);
        var pushed = (await fengxian.ChainsAsync())["320321"];

        File.Copy(older, Path.Combine(fengxian.Data, "node.db"), overwrite: true);
        var push = await fengxian.RunAsync("sync", "push", "--json");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal(pushed.Entries - 51, JsonDocument.Parse(push.Output).RootElement.GetProperty("recovered").GetInt64());
        Assert.Equal(pushed, (await fengxian.ChainsAsync())["320321"]);
        Assert.Equal(pushed, (await city.ChainsAsync())["320321"]);
        var cases = JsonDocument.Parse((await fengxian.RunAsync("case", "list", "--json")).Output).RootElement;
        Assert.True(cases.GetArrayLength() >= 200, "the case views were rebuilt from the entries taken back");
    }
}
