using System.Text.Json;
using ExchangeNode.Samples.Generator;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Sync;

/// <summary>Province 320000, city 320300, counties 320321 and 320322: real processes, real sockets, one LiteDB file each.</summary>
public sealed class ExchangeTests
{
    [Fact]
    public async Task Push_CountiesThroughCityToProvince_KeepsOriginsAndChainsIntactAtEveryLevel()
    {
        using var province = await TestNode.CreateAsync("320000", "江苏省");
        using var city = await TestNode.CreateAsync("320300", "徐州市", province);
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        using var peixian = await TestNode.CreateAsync("320322", "沛县", city);
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        await peixian.RunAsync("power", "import", SyntheticPowers(peixian, "320322", 15));
        using var provinceAgent = await province.StartAgentAsync();
        using var cityAgent = await city.StartAgentAsync();

        var pushedA = await fengxian.RunAsync("sync", "push", "--json");
        var pushedB = await peixian.RunAsync("sync", "push", "--json");
        var pushedCity = await city.RunAsync("sync", "push", "--json");
        var again = await fengxian.RunAsync("sync", "push", "--json");

        Assert.True(pushedA.ExitCode == 0, pushedA.ToString());
        Assert.True(pushedB.ExitCode == 0, pushedB.ToString());
        Assert.True(pushedCity.ExitCode == 0, pushedCity.ToString());
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("applied").GetInt64());
        var a = await fengxian.ChainsAsync();
        var b = await peixian.ChainsAsync();
        foreach (var level in new[] { await city.ChainsAsync(), await province.ChainsAsync() })
        {
            Assert.Equal(a["320321"], level["320321"]);
            Assert.Equal(b["320322"], level["320322"]);
        }

        var status = JsonDocument.Parse((await city.RunAsync("sync", "status", "--json")).Output).RootElement;
        Assert.All(status.GetProperty("children").EnumerateArray(), c => Assert.Equal("OK", c.GetProperty("state").GetString()));
        var provinceCases = JsonDocument.Parse((await province.RunAsync("case", "list", "--json")).Output).RootElement;
        Assert.Equal(
            JsonDocument.Parse((await fengxian.RunAsync("case", "list", "--json")).Output).RootElement.GetArrayLength(),
            provinceCases.GetArrayLength());
    }

    [Fact]
    public async Task Push_ChildKilledBeforeAcknowledgement_ThenRestarted_LosesNothingAndDoublesNothing()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        var data = new SyntheticData(seed: 11);
        var powers = data.Powers("320321", 20);
        await fengxian.RunAsync("power", "import", WriteJsonLines(fengxian, "powers.jsonl", powers));
        await fengxian.RunAsync("case", "import", WriteJsonLines(fengxian, "cases.jsonl", data.CaseEvents(powers, "320321", 3000)));
        var expected = (await fengxian.ChainsAsync())["320321"];
        fengxian.Configure(sync => sync["BatchSize"] = 100);
        using var cityAgent = await city.StartAgentAsync();

        using (var push = ExchangeNodeProcess.Start(["sync", "push", "--data", fengxian.Data]))
        {
            await Eventually.TrueAsync(() => push.HasExited || File.Exists(Path.Combine(city.Data, "node-log.db")) && HeldAtCity(city) > 0, TimeSpan.FromSeconds(60));
            push.Kill();
        }

        var resumed = await fengxian.RunAsync("sync", "push", "--json");
        var twice = await fengxian.RunAsync("sync", "push", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(0, JsonDocument.Parse(twice.Output).RootElement.GetProperty("applied").GetInt64());
        Assert.Equal(expected, (await city.ChainsAsync())["320321"]);
    }

    [Fact]
    public async Task Push_FromThreeCountiesAtOnce_AppliesEveryEntryOfEach_AndKeepsEachChainIntact()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        using var peixian = await TestNode.CreateAsync("320322", "沛县", city);
        using var suining = await TestNode.CreateAsync("320324", "睢宁县", city);
        var counties = new[] { (Node: fengxian, Code: "320321"), (Node: peixian, Code: "320322"), (Node: suining, Code: "320324") };
        foreach (var (node, code) in counties)
        {
            var data = new SyntheticData(seed: int.Parse(code, System.Globalization.CultureInfo.InvariantCulture));
            var powers = data.Powers(code, 10);
            await node.RunAsync("power", "import", WriteJsonLines(node, "powers.jsonl", powers));
            await node.RunAsync("case", "import", WriteJsonLines(node, "cases.jsonl", data.CaseEvents(powers, code, 100)));
            // Small batches, so that the three streams interleave at the city.
            node.Configure(sync => sync["BatchSize"] = 50);
        }

        using var cityAgent = await city.StartAgentAsync();

        var pushes = await Task.WhenAll(counties.Select(c => c.Node.RunAsync("sync", "push", "--json")));

        var atCity = await city.ChainsAsync();
        foreach (var ((node, code), push) in counties.Zip(pushes))
        {
            Assert.True(push.ExitCode == 0, push.ToString());
            var own = (await node.ChainsAsync())[code];
            Assert.Equal(own.Entries, JsonDocument.Parse(push.Output).RootElement.GetProperty("applied").GetInt64());
            Assert.Equal(own, atCity[code]);
        }
    }

    [Fact]
    public async Task Agent_WhileParentIsDown_KeepsItsBacklog_AndDrainsItWhenTheParentReturns()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        fengxian.Configure(sync =>
        {
            sync["PushInterval"] = "00:00:03";
            sync["RetryAfter"] = "00:00:01";
        });
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        using var countyAgent = await fengxian.StartAgentAsync();

        Assert.True(
            await Eventually.TrueAsync(() => countyAgent.Output.Contains("Push to parent failed", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            countyAgent.Output);
        var waiting = JsonDocument.Parse((await fengxian.RunAsync("sync", "status", "--json")).Output).RootElement;
        Assert.True(waiting.GetProperty("upward").GetProperty("backlog").GetInt64() > 0, waiting.ToString());

        using var cityAgent = await city.StartAgentAsync();

        var expected = (await fengxian.ChainsAsync())["320321"];
        Assert.True(
            await Eventually.TrueAsync(() => ChainAt(city, "320321") == expected.Entries, TimeSpan.FromSeconds(60)),
            countyAgent.Output);
        Assert.Equal(expected, (await city.ChainsAsync())["320321"]);
    }

    [Fact]
    public async Task Restore_AfterTheCountyLostItsDataFile_GivesTheSameChainHead_AndNumberingContinues()
    {
        using var city = await TestNode.CreateAsync("320300", "徐州市");
        using var fengxian = await TestNode.CreateAsync("320321", "丰县", city);
        await fengxian.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        await fengxian.RunAsync("case", "import", RepositoryFiles.Sample("fengxian-cases.jsonl"));
        using var cityAgent = await city.StartAgentAsync();
        Assert.Equal(0, (await fengxian.RunAsync("sync", "push")).ExitCode);
        var before = (await fengxian.ChainsAsync())["320321"];
        var config = await File.ReadAllTextAsync(Path.Combine(fengxian.Data, "node.json"));

        Directory.Delete(fengxian.Data, recursive: true);
        Directory.CreateDirectory(fengxian.Data);
        await File.WriteAllTextAsync(Path.Combine(fengxian.Data, "node.json"), config);
        var restore = await fengxian.RunAsync("sync", "restore", "--json");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(before, (await fengxian.ChainsAsync())["320321"]);
        Assert.Contains("320321-CF-", (await fengxian.RunAsync("power", "list")).Output, StringComparison.Ordinal);
        var extra = fengxian.WriteFile("extra.csv",
            "权力编码,权力名称,权力类别,实施主体,行政区划代码,法定期限,承诺期限,状态,版本,审核确认机关,审核确认日期,审核确认文号\n" +
            "320321-QT-0999,新增事项,其他行政权力,丰县人民政府办公室,320321,20,10,在用,1,丰县机构编制委员会办公室,2026-11-01,丰编办〔2026〕30号\n");
        Assert.Equal(0, (await fengxian.RunAsync("power", "import", extra)).ExitCode);
        var push = await fengxian.RunAsync("sync", "push", "--json");
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal(1, JsonDocument.Parse(push.Output).RootElement.GetProperty("applied").GetInt64());
        Assert.Equal(before.Entries + 1, (await city.ChainsAsync())["320321"].Entries);
    }

    internal static string SyntheticPowers(TestNode node, string division, int count) =>
        WriteJsonLines(node, "powers.jsonl", new SyntheticData(seed: 5).Powers(division, count));

    internal static string WriteJsonLines<T>(TestNode node, string name, IEnumerable<T> records)
        where T : Google.Protobuf.IMessage
    {
        var path = Path.Combine(node.Folder, name);
        using var writer = File.CreateText(path);
        SyntheticData.WriteJsonLines(records, writer);
        return path;
    }

    private static long HeldAtCity(TestNode city) => ChainAt(city, "320321");

    private static long ChainAt(TestNode node, string origin)
    {
        var verify = node.RunAsync("ledger", "verify", "--json").GetAwaiter().GetResult();
        if (verify.ExitCode != 0)
        {
            return -1;
        }

        return JsonDocument.Parse(verify.Output).RootElement.GetProperty("chains").EnumerateArray()
            .Where(c => c.GetProperty("origin").GetString() == origin)
            .Select(c => c.GetProperty("entries").GetInt64())
            .FirstOrDefault();
    }
}
