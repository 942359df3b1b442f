using System.Text.Json;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Sync;

/// <summary>
/// A child that woke up behind its parent on its own chain (simulated by putting back an older
/// copy of node.db; parent-ack.json beside it survives, as it is written durably) must take its
/// entries back before it appends anything new, never number new entries over them.
/// </summary>
public sealed class ForkGuardTests
{
    private const string County = "320321";

    [Fact]
    public async Task Child_WakingUpBehindItsParent_RefusesLocalAppendsUntilSyncPushTookItsEntriesBack()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync(County, "丰县", city);
        var (secondHalf, cityAgent, pushed) = await PushThenWakeBehindAsync(city, fengxian);
        using var runningCity = cityAgent;
        var behind = (await fengxian.ChainsAsync())[County];
        var quarantined = (await fengxian.RunAsync("quarantine", "list", "--json")).Output;
        var refused = await fengxian.RunAsync("case", "import", secondHalf, "--json");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains($"#{behind.Entries + 1}..#{pushed.Entries}", refused.Error, StringComparison.Ordinal);
        Assert.Contains("exchange-node sync push", refused.Error, StringComparison.Ordinal);
        Assert.Equal(behind, (await fengxian.ChainsAsync())[County]);
        Assert.Equal(quarantined, (await fengxian.RunAsync("quarantine", "list", "--json")).Output);

        var push = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal(pushed.Entries - behind.Entries, JsonDocument.Parse(push.Output).RootElement.GetProperty("recovered").GetInt64());
        Assert.Equal(pushed, (await fengxian.ChainsAsync())[County]);

        var imported = await fengxian.RunAsync("case", "import", secondHalf, "--json");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var accepted = JsonDocument.Parse(imported.Output).RootElement.GetProperty("accepted").GetInt64();
        Assert.True(accepted > 0, imported.Output);
        var next = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(accepted, JsonDocument.Parse(next.Output).RootElement.GetProperty("applied").GetInt64());

        var countyChains = await fengxian.ChainsAsync();
        Assert.Equal(pushed.Entries + accepted, countyChains[County].Entries);
        Assert.Equal(countyChains[County], (await city.ChainsAsync())[County]);
    }

    [Fact]
    public async Task Child_AndParentBothLosingTheSameEntries_RecordTheLossAndNumberOn()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync(County, "丰县", city);
        Assert.Equal(0, (await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"))).ExitCode);
        await PushWhileCityRunsAsync(city, fengxian);
        var countyOlder = Path.Combine(fengxian.Folder, "county-older.db");
        var cityOlder = Path.Combine(city.Folder, "city-older.db");
        File.Copy(Path.Combine(fengxian.Data, "node.db"), countyOlder);
        File.Copy(Path.Combine(city.Data, "node.db"), cityOlder);
        var behind = (await fengxian.ChainsAsync())[County];
        Assert.Equal(0, (await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"))).ExitCode);
        await PushWhileCityRunsAsync(city, fengxian);
        var pushed = (await fengxian.ChainsAsync())[County];

        File.Copy(countyOlder, Path.Combine(fengxian.Data, "node.db"), overwrite: true);
        File.Copy(cityOlder, Path.Combine(city.Data, "node.db"), overwrite: true);
        using var cityAgent = await city.StartAgentAsync();
        var refused = await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        Assert.True(refused.ExitCode == 2, refused.ToString());

        var push = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal(0, JsonDocument.Parse(push.Output).RootElement.GetProperty("recovered").GetInt64());
        var alert = JsonDocument.Parse((await fengxian.RunAsync("ledger", "list", "--kind", "alert", "--json")).Output).RootElement
            .EnumerateArray().Single().GetProperty("record").GetProperty("alert");
        Assert.Equal("chain.lost", alert.GetProperty("kind").GetString());
        Assert.Contains($"#{behind.Entries + 1}..#{pushed.Entries}", alert.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var imported = await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"), "--json");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var accepted = JsonDocument.Parse(imported.Output).RootElement.GetProperty("accepted").GetInt64();
        Assert.Equal(pushed.Entries - behind.Entries, accepted);
        Assert.Equal(0, (await fengxian.RunAsync("sync", "push")).ExitCode);
        var countyChains = await fengxian.ChainsAsync();
        Assert.Equal(behind.Entries + 1 + accepted, countyChains[County].Entries);
        Assert.Equal(countyChains[County], (await city.ChainsAsync())[County]);
    }

    [Fact]
    public async Task Agent_StartingBehindItsParent_TakesItsEntriesBackBeforeAnythingIsAppended()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync(County, "丰县", city);
        var (secondHalf, cityAgent, pushed) = await PushThenWakeBehindAsync(city, fengxian);
        using var runningCity = cityAgent;

        using var countyAgent = await fengxian.StartAgentAsync();
        var imported = await fengxian.RunAsync("case", "import", secondHalf, "--json");

        Assert.True(imported.ExitCode == 0, imported.ToString() + countyAgent.Output);
        var accepted = JsonDocument.Parse(imported.Output).RootElement.GetProperty("accepted").GetInt64();
        Assert.Equal(pushed.Entries + accepted, (await fengxian.ChainsAsync())[County].Entries);
    }

    /// <summary>
    /// The county imports the catalogue and the first half of the sample cases, pushes them to the
    /// city's agent (left running), then wakes up behind: its node.db put back to a copy taken before
    /// the cases. Returns the second half of the cases, the city's agent and the county's own chain
    /// as it stood when pushed.
    /// </summary>
    private static async Task<(string SecondHalf, RunningProcess CityAgent, (long Entries, string Head) Pushed)> PushThenWakeBehindAsync(
        TestNode city, TestNode county)
    {
        var (firstHalf, secondHalf) = SplitCases(county);
        Assert.Equal(0, (await county.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"))).ExitCode);
        var older = Path.Combine(county.Folder, "county-older.db");
        File.Copy(Path.Combine(county.Data, "node.db"), older);
        Assert.Equal(0, (await county.RunAsync("case", "import", firstHalf)).ExitCode);
        var cityAgent = await city.StartAgentAsync();
        Assert.Equal(0, (await county.RunAsync("sync", "push")).ExitCode);
        var pushed = (await county.ChainsAsync())[County];
        File.Copy(older, Path.Combine(county.Data, "node.db"), overwrite: true);
        return (secondHalf, cityAgent, pushed);
    }

    /// <summary>The sample's case events in two files, in order: the second half continues cases the first accepted.</summary>
    private static (string First, string Second) SplitCases(TestNode node)
    {
        var lines = File.ReadAllLines(RepositoryFiles.Sample("fengxian-cases.jsonl"));
        var half = lines.Length / 2;
        return (
            node.WriteFile("cases-1.jsonl", string.Join('\n', lines[..half]) + "\n"),
            node.WriteFile("cases-2.jsonl", string.Join('\n', lines[half..]) + "\n"));
    }

    private static async Task PushWhileCityRunsAsync(TestNode city, TestNode child)
    {
        using var agent = await city.StartAgentAsync();
        var push = await child.RunAsync("sync", "push");
        Assert.True(push.ExitCode == 0, push.ToString());
        await agent.StopAsync(TimeSpan.FromSeconds(30));
    }
}
