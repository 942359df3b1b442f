using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Samples.Generator;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The http-json adapter against a real Kestrel endpoint, through the real command line.</summary>
public sealed class HttpJsonAdapterTests
{
    private const string Adapter = "portal";

    /// <summary>About 2,000 synthetic events of 丰县 cases, and five bad ones spread among them.</summary>
    private static (List<JsonObject> Items, int Good, int Cases) Events()
    {
        var events = new SyntheticData(seed: 11).CaseEvents(SyntheticData.FengxianPowers(), "320321", 190).Select(HttpLegacyCaseApi.Legacy).ToList();
        var good = events.Count;
        var cases = events.Select(e => (string)e["bjlsh"]!).Distinct().Count();
        var accepted = events.First(e => (string)e["hjmc"]! == "受理");
        var opinion = events.First(e => (string)e["hjmc"]! == "意见");

        JsonObject Bad(JsonObject from, string serial, Action<JsonObject> change)
        {
            var copy = from.DeepClone().AsObject();
            copy["bjlsh"] = serial;
            change(copy);
            return copy;
        }

        var bad = new[]
        {
            Bad(accepted, "320321-2026-BAD001", e =>
            {
                var who = e["sl"]!["xdr"]!.AsObject();
                (who["lx"], who["zjlx"], who["zjhm"], who["tyxydm"]) = ("个人", "ResidentId", "110105194912310021", null);
            }),
            Bad(accepted, "320321-2026-BAD002", e => e["sl"]!["sxbm"] = "320321-XK-9999"),
            Bad(accepted, "320321-2026-BAD003", e => e["sj"] = "明天上午"),
            Bad(opinion, "320321-2026-NEVER1", _ => { }),
            Bad(accepted, "320321-2026-BAD005", e => e["hjmc"] = "盖章"),
        };
        for (var i = 0; i < bad.Length; i++)
        {
            events.Insert((i + 1) * good / (bad.Length + 1), bad[i]);
        }

        return (events, good, cases);
    }

    private static async Task<TestNode> CountyWithPortalAsync(HttpLegacyCaseApi api, string keyVariable)
    {
        var node = await TestNode.CreateAsync();
        var powers = await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        Assert.True(powers.ExitCode == 0, powers.ToString());
        HttpNodeConfig.AddAdapter(node, HttpNodeConfig.HttpAdapter(Adapter, api.Url, new JsonObject
        {
            ["HeaderName"] = HttpLegacyCaseApi.KeyHeader,
            ["HeaderValueEnv"] = keyVariable,
        }));
        return node;
    }

    private static string Key(string variable)
    {
        var key = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, key);
        return key;
    }

    private static async Task<long> EntriesAsync(TestNode node) =>
        (await node.ChainsAsync()).Values.Sum(c => c.Entries);

    private static async Task<JsonElement> JsonOfAsync(TestNode node, params string[] args)
    {
        var result = await node.RunAsync([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Output).RootElement;
    }

    [Fact]
    public async Task HttpJson_PagesThroughRetries_EveryGoodEventOnce_BadOnesQuarantined_RerunAddsNothing()
    {
        const string variable = "EXCHANGENODE_TEST_PORTAL_KEY_A";
        var (items, good, cases) = Events();
        await using var api = await HttpLegacyCaseApi.StartAsync(items, Key(variable));
        using var node = await CountyWithPortalAsync(api, variable);
        var before = await EntriesAsync(node);

        var run = await node.RunAsync("adapter", "run", Adapter, "--json");
        var again = await node.RunAsync("adapter", "run", Adapter, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var first = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal((good, 0, 5), (first.GetProperty("accepted").GetInt32(), first.GetProperty("unchanged").GetInt32(), first.GetProperty("rejected").GetInt32()));
        Assert.True(api.Unavailable >= 2, $"the server answered 503 {api.Unavailable} times");
        Assert.Equal(before + good, await EntriesAsync(node));
        Assert.Equal(cases, (await JsonOfAsync(node, "case", "list")).GetArrayLength());

        var quarantined = (await JsonOfAsync(node, "quarantine", "list", "--adapter", Adapter)).EnumerateArray().ToList();
        Assert.Equal(5, quarantined.Count);
        var reasons = string.Join('\n', quarantined.SelectMany(q => q.GetProperty("problems").EnumerateArray()).Select(p => p.GetProperty("reason").GetString()));
        Assert.Contains("320321-XK-9999", reasons, StringComparison.Ordinal);
        Assert.Contains("明天上午", reasons, StringComparison.Ordinal);
        Assert.Contains("盖章", reasons, StringComparison.Ordinal);
        Assert.All(quarantined, q => Assert.Matches(@"^GET /api/cases(\?since=\d+)? item \d+$", q.GetProperty("source").GetString()!));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(before + good, await EntriesAsync(node));
        Assert.Equal(5, (await JsonOfAsync(node, "quarantine", "list")).GetArrayLength());
        var listed = (await JsonOfAsync(node, "adapter", "list")).EnumerateArray().Single();
        Assert.Equal((long)good, listed.GetProperty("accepted").GetInt64());
        Assert.Equal(string.Empty, listed.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task HttpJson_KilledMidRun_RerunDoublesNothingAndLosesNothing()
    {
        const string variable = "EXCHANGENODE_TEST_PORTAL_KEY_B";
        var (items, good, cases) = Events();
        await using var api = await HttpLegacyCaseApi.StartAsync(items, Key(variable));
        using var node = await CountyWithPortalAsync(api, variable);
        var before = await EntriesAsync(node);
        api.HoldAfter(pages: 3);

        using (var run = ExchangeNodeProcess.Start(["adapter", "run", Adapter, "--data", node.Data]))
        {
            await api.Held.WaitAsync(TimeSpan.FromSeconds(60));

            // 900 items were read; the first batch of 500 commits while the next is read, so give
            // it a moment to land before the kill (if it has not, the kill finds nothing committed).
            await Task.Delay(TimeSpan.FromSeconds(1));
            run.Kill();
            await run.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        // What was committed is whole batches, with the position of the last record of the last one:
        // the 500th item is inside the second page of 300.
        var killed = (await JsonOfAsync(node, "adapter", "list")).EnumerateArray().Single();
        var done = killed.GetProperty("accepted").GetInt64() + killed.GetProperty("rejected").GetInt64();
        Assert.Contains(done, new long[] { 0, 500 });
        if (done == 500)
        {
            Assert.EndsWith("#199", killed.GetProperty("position").GetString(), StringComparison.Ordinal);
        }

        var committed = await EntriesAsync(node);
        Assert.Equal(before + killed.GetProperty("accepted").GetInt64(), committed);

        api.Release();
        var rerun = await node.RunAsync("adapter", "run", Adapter, "--json");

        Assert.True(rerun.ExitCode is 0 or 1, rerun.ToString());
        Assert.Equal(before + good, await EntriesAsync(node));
        Assert.Equal(cases, (await JsonOfAsync(node, "case", "list")).GetArrayLength());
        Assert.Equal(5, (await JsonOfAsync(node, "quarantine", "list", "--adapter", Adapter)).GetArrayLength());
        var listed = (await JsonOfAsync(node, "adapter", "list")).EnumerateArray().Single();
        Assert.Equal((long)good, listed.GetProperty("accepted").GetInt64());
        Assert.Equal(5, listed.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task HttpJson_WithoutItsKeyVariable_StopsNamingTheSetting_AndChangesNothing()
    {
        await using var api = await HttpLegacyCaseApi.StartAsync([], "unused");
        using var node = await CountyWithPortalAsync(api, "EXCHANGENODE_TEST_PORTAL_KEY_UNSET");
        var before = await EntriesAsync(node);

        var run = await node.RunAsync("adapter", "run", Adapter);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Adapters:portal:Settings:HeaderValueEnv", run.Error, StringComparison.Ordinal);
        Assert.Contains("EXCHANGENODE_TEST_PORTAL_KEY_UNSET", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await EntriesAsync(node));
    }
}
