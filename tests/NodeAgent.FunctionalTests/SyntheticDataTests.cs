using System.Text.Json;
using ExchangeNode.Samples.Generator;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

/// <summary>A larger synthetic county, in JSON Lines, through the real command line.</summary>
public sealed class SyntheticDataTests
{
    [Fact]
    public async Task SyntheticCounty_PowersAndThousandCasesAsJsonLines_ImportWholeAndVerify()
    {
        using var node = await TestNode.CreateAsync();
        var data = new SyntheticData(seed: 7);
        var powers = data.Powers("320321", 40);
        var powersFile = Path.Combine(node.Folder, "powers.jsonl");
        var casesFile = Path.Combine(node.Folder, "cases.jsonl");
        await using (var writer = File.CreateText(powersFile))
        {
            SyntheticData.WriteJsonLines(powers, writer);
        }

        var events = 0;
        await using (var writer = File.CreateText(casesFile))
        {
            SyntheticData.WriteJsonLines(data.CaseEvents(powers, "320321", 1000).Select(e => { events++; return e; }), writer);
        }

        var powerImport = await node.RunAsync("power", "import", powersFile, "--json");
        var caseImport = await node.RunAsync("case", "import", casesFile, "--json");
        var verify = await node.RunAsync("ledger", "verify", "--json");

        Assert.True(powerImport.ExitCode == 0, powerImport.ToString());
        Assert.True(caseImport.ExitCode == 0, caseImport.ToString());
        Assert.Equal(events, JsonDocument.Parse(caseImport.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(40 + events, JsonDocument.Parse(verify.Output).RootElement.GetProperty("entries").GetInt32());
        var cases = JsonDocument.Parse((await node.RunAsync("case", "list", "--json")).Output).RootElement;
        Assert.Equal(1000, cases.GetArrayLength());
    }

    [Fact]
    public async Task CaseEventsOutOfLegalOrder_AreRejectedWithReason_AndTheRestOfTheCaseStands()
    {
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        var sample = File.ReadLines(RepositoryFiles.Sample("fengxian-cases.jsonl")).ToList();
        var serial = JsonDocument.Parse(sample[0]).RootElement.GetProperty("caseSerial").GetString()!;
        var ofCase = sample.Where(l => JsonDocument.Parse(l).RootElement.GetProperty("caseSerial").GetString() == serial).ToList();
        var resumedOutOfTurn = ofCase[0].Replace(serial, serial + "-X", StringComparison.Ordinal) + "\n"
            + "{\"caseSerial\":\"" + serial + "-X\",\"eventId\":\"e9\",\"kind\":\"CASE_EVENT_KIND_RESUMED\",\"occurredAt\":\"2026-06-01T02:00:00Z\",\"post\":\"承办岗\",\"actor\":\"张伟\"}\n"
            + "{\"caseSerial\":\"NEVER-ACCEPTED\",\"eventId\":\"e1\",\"kind\":\"CASE_EVENT_KIND_OPINION\",\"occurredAt\":\"2026-06-01T02:00:00Z\",\"stance\":\"STANCE_NEGATIVE\"}\n";
        var file = node.WriteFile("cases.jsonl", string.Join('\n', ofCase) + "\n" + resumedOutOfTurn);

        var result = await node.RunAsync("case", "import", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"accepted {ofCase.Count + 1}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"cases.jsonl:{ofCase.Count + 2}", result.Error, StringComparison.Ordinal);
        Assert.Contains("Resumed only after Suspended", result.Error, StringComparison.Ordinal);
        Assert.Contains($"cases.jsonl:{ofCase.Count + 3}", result.Error, StringComparison.Ordinal);
        var show = await node.RunAsync("case", "show", serial, "--json");
        Assert.Equal(ofCase.Count, JsonDocument.Parse(show.Output).RootElement.GetProperty("trail").GetArrayLength());
    }

    [Fact]
    public async Task Run_WithWrongListenInConfig_StopsAtStartNamingTheKey()
    {
        using var node = await TestNode.CreateAsync();
        var config = Path.Combine(node.Data, "node.json");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace(node.Listen, "127.0.0.1 port 5000", StringComparison.Ordinal));

        using var agent = ExchangeNodeProcess.Start(["run", "--data", node.Data]);
        var result = await agent.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Node:Listen", result.Error, StringComparison.Ordinal);
        Assert.Contains("node.json", result.Error, StringComparison.Ordinal);
    }
}
