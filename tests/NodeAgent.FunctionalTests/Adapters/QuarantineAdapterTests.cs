using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;
using ExchangeNode.Tests.Support;
using LiteDB;
using Xunit;
using Record = ExchangeNode.Protocol.V1.Record;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The quarantine of adapter records: fixed at the source of the problem and retried, or dropped with a reason in the ledger.</summary>
public sealed class QuarantineAdapterTests
{
    private const string Adapter = "portal";
    private const string KeyVariable = "EXCHANGENODE_TEST_PORTAL_KEY_Q";

    [Fact]
    public async Task Quarantine_UnknownPowerImportedLater_RetryAdmits_AndDropIsAnOperatorActInTheLedger()
    {
        // Two cases under a power the library does not hold yet, and one acceptance with a wrong ID check digit.
        var missing = SyntheticData.FengxianPowers().First(p => p.Status == PowerStatus.Active).Clone();
        missing.Code = "320321-XK-0950";
        missing.Name = "临时占道经营许可";
        var events = new SyntheticData(seed: 5).CaseEvents([missing], "320321", 2).Select(HttpLegacyCaseApi.Legacy).ToList();
        var serials = events.Select(e => (string)e["bjlsh"]!).Distinct().ToList();
        var wrongId = new SyntheticData(seed: 6).CaseEvents(SyntheticData.FengxianPowers(), "320321", 1).Select(HttpLegacyCaseApi.Legacy).First();
        wrongId["bjlsh"] = "320321-2026-BADID1";
        var who = wrongId["sl"]!["xdr"]!.AsObject();
        (who["lx"], who["zjlx"], who["zjhm"], who["tyxydm"]) = ("个人", "ResidentId", "110105194912310021", null);
        var key = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(KeyVariable, key);
        await using var api = await HttpLegacyCaseApi.StartAsync([.. events, wrongId], key);

        using var node = await TestNode.CreateAsync();
        Assert.Equal(0, (await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"))).ExitCode);
        HttpNodeConfig.AddAdapter(node, HttpNodeConfig.HttpAdapter(Adapter, api.Url, new JsonObject
        {
            ["HeaderName"] = HttpLegacyCaseApi.KeyHeader,
            ["HeaderValueEnv"] = KeyVariable,
        }));

        var run = await node.RunAsync("adapter", "run", Adapter, "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(events.Count + 1, JsonDocument.Parse(run.Output).RootElement.GetProperty("rejected").GetInt32());
        var held = JsonDocument.Parse((await node.RunAsync("quarantine", "list", "--adapter", Adapter, "--json")).Output).RootElement;
        Assert.Equal(events.Count + 1, held.GetArrayLength());
        Assert.Contains("320321-XK-0950", held[0].GetProperty("problems").GetRawText(), StringComparison.Ordinal);

        // The department's power is approved and imported; its cases can now be admitted.
        var powerFile = Path.Combine(node.Folder, "missing-power.jsonl");
        await using (var writer = File.CreateText(powerFile))
        {
            SyntheticData.WriteJsonLines([missing], writer);
        }

        Assert.Equal(0, (await node.RunAsync("power", "import", powerFile)).ExitCode);
        var entriesBeforeRetry = await EntriesAsync(node);
        var retry = await node.RunAsync("quarantine", "retry", "--all", "--adapter", Adapter, "--json");

        Assert.True(retry.ExitCode == 1, retry.ToString());
        var outcomes = JsonDocument.Parse(retry.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(events.Count, outcomes.Count(o => o.GetProperty("outcome").GetString() == "Accepted"));
        Assert.Equal(entriesBeforeRetry + events.Count, await EntriesAsync(node));
        var cases = JsonDocument.Parse((await node.RunAsync("case", "list", "--json")).Output).RootElement.GetRawText();
        Assert.All(serials, s => Assert.Contains(s, cases, StringComparison.Ordinal));
        var left = JsonDocument.Parse((await node.RunAsync("quarantine", "list", "--json")).Output).RootElement.EnumerateArray().Single();
        Assert.Contains("110105194912310021", left.GetProperty("raw").GetString(), StringComparison.Ordinal);

        // The record that cannot be fixed here is dropped, with a reason the ledger keeps.
        const string reason = "身份证号校验位错误，已通知市场监管局窗口核对后重新受理";
        var entriesBeforeDrop = await EntriesAsync(node);
        var drop = await node.RunAsync("quarantine", "drop", left.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", reason);

        Assert.True(drop.ExitCode == 0, drop.ToString());
        Assert.Equal(0, JsonDocument.Parse((await node.RunAsync("quarantine", "list", "--json")).Output).RootElement.GetArrayLength());
        Assert.Equal(entriesBeforeDrop + 1, await EntriesAsync(node));
        var act = LastRecord(node).OperatorAct;
        Assert.NotNull(act);
        Assert.Equal(("quarantine.drop", reason), (act.Action, act.Reason));
        Assert.Contains("320321-2026-BADID1", act.Subject, StringComparison.Ordinal);
    }

    private static async Task<long> EntriesAsync(TestNode node) => (await node.ChainsAsync()).Values.Sum(c => c.Entries);

    /// <summary>
    /// The newest ledger entry's record, read from the store file (no command shows a record's
    /// content yet); every process that opened it has exited.
    /// </summary>
    private static Record LastRecord(TestNode node)
    {
        using var database = new LiteDatabase(new ConnectionString(Path.Combine(node.Data, "node.db")) { ReadOnly = true });
        return EntryBody.Parser.ParseFrom(LedgerFile.Entries(database)[^1].Body).Record;
    }
}
