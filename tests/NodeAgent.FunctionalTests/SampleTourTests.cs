using System.Text.Json;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

/// <summary>The README's tour: the 丰县 sample catalogue and cases through the real command line.</summary>
public sealed class SampleTourTests
{
    [Fact]
    public async Task SampleCatalogue_ImportsWhole_AndReimportAppendsNothing()
    {
        using var node = await TestNode.CreateAsync();

        var first = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"), "--json");
        var again = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"), "--json");
        var legacy = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.gb18030.csv"), "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        var accepted = JsonDocument.Parse(first.Output).RootElement.GetProperty("accepted").GetInt32();
        Assert.True(accepted >= 30, first.Output);
        Assert.Equal(accepted, JsonDocument.Parse(again.Output).RootElement.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.True(legacy.ExitCode == 0, legacy.ToString());
        Assert.Equal(accepted, JsonDocument.Parse(legacy.Output).RootElement.GetProperty("unchanged").GetInt32());

        var list = await node.RunAsync("power", "list", "--json");
        var powers = JsonDocument.Parse(list.Output).RootElement;
        Assert.Equal(accepted, powers.GetArrayLength());
        var categories = powers.EnumerateArray().Select(p => p.GetProperty("category").GetString()).Distinct().Count();
        Assert.Equal(11, categories);
        var verify = await node.RunAsync("ledger", "verify", "--json");
        Assert.Equal(accepted, JsonDocument.Parse(verify.Output).RootElement.GetProperty("entries").GetInt32());
    }

    [Fact]
    public async Task SampleCases_ImportWhole_WithTrailsAndStates()
    {
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));

        var import = await node.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"), "--json");

        Assert.True(import.ExitCode == 0, import.ToString());
        var list = JsonDocument.Parse((await node.RunAsync("case", "list", "--json")).Output).RootElement;
        Assert.True(list.GetArrayLength() >= 200, $"{list.GetArrayLength()} cases");
        var longest = list.EnumerateArray().OrderByDescending(c => c.GetProperty("events").GetInt32()).First();
        var serial = longest.GetProperty("serial").GetString()!;
        var show = await node.RunAsync("case", "show", serial, "--json");
        var trail = JsonDocument.Parse(show.Output).RootElement.GetProperty("trail");
        Assert.Equal(longest.GetProperty("events").GetInt32(), trail.GetArrayLength());
        Assert.Equal("CASE_EVENT_KIND_ACCEPTED", trail[0].GetProperty("kind").GetString());
        var concluded = await node.RunAsync("case", "list", "--status", "办结", "--json");
        Assert.True(JsonDocument.Parse(concluded.Output).RootElement.GetArrayLength() > 0, concluded.ToString());
    }

    [Fact]
    public async Task RebuildViews_FromLedgerAlone_GivesTheSameLibraryAndCases()
    {
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        await node.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        var powersBefore = (await node.RunAsync("power", "list", "--json")).Output;
        var casesBefore = (await node.RunAsync("case", "list", "--json")).Output;

        Assert.True(JsonDocument.Parse(casesBefore).RootElement.GetArrayLength() >= 200, casesBefore);

        var rebuild = await node.RunAsync("ledger", "rebuild-views");

        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Equal(powersBefore, (await node.RunAsync("power", "list", "--json")).Output);
        Assert.Equal(casesBefore, (await node.RunAsync("case", "list", "--json")).Output);
    }

    [Fact]
    public async Task BadRows_AreRejectedWithFileLineFieldAndReason_AndKeptInQuarantine()
    {
        using var node = await TestNode.CreateAsync();
        var csv = node.WriteFile("powers.csv",
            "权力编码,权力名称,权力类别,实施主体,行政区划代码,法定期限,承诺期限,状态,版本,审核确认机关,审核确认日期,审核确认文号\n" +
            "320321-XK-9001,烟草专卖零售许可,行政许可,丰县烟草专卖局,320321,20个工作日,15,在用,1,丰县机构编制委员会办公室,2025-01-10,丰编办〔2025〕3号\n" +
            "320321-XK-9002,未审核事项,行政许可,丰县烟草专卖局,320321,20,15,在用,1,,,\n" +
            "320322-XK-9003,沛县事项,行政许可,沛县某局,320322,20,15,在用,1,沛县编办,2025-01-10,沛编办〔2025〕1号\n");

        var result = await node.RunAsync("power", "import", csv);
        var again = await node.RunAsync("power", "import", csv);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("accepted 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("powers.csv:3", result.Error, StringComparison.Ordinal);
        Assert.Contains("approval", result.Error, StringComparison.Ordinal);
        Assert.Contains("powers.csv:4", result.Error, StringComparison.Ordinal);
        Assert.Contains("division_code", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        var quarantine = JsonDocument.Parse((await node.RunAsync("quarantine", "list", "--json")).Output).RootElement;
        Assert.Equal(2, quarantine.GetArrayLength());
        Assert.All(quarantine.EnumerateArray(), q => Assert.Equal(2, q.GetProperty("times").GetInt32()));
    }
}
