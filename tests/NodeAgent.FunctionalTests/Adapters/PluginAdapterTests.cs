using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Tests.Support;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>The sample plugin (samples/Plugin) built as a department's developer would, dropped in the plugins folder, and run.</summary>
public sealed class PluginAdapterTests
{
    private const string PluginName = "ExchangeNode.Samples.Plugin";

    private static async Task PublishPluginAsync(string pluginsFolder)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var arg in new[] { "publish", Path.Combine("samples", "Plugin", "Plugin.csproj"), "-o", Path.Combine(pluginsFolder, PluginName), "--nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        using var publish = new RunningProcess(Process.Start(info)!);
        var result = await publish.WaitForExitAsync(TimeSpan.FromMinutes(4));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task SamplePlugin_InThePluginsFolder_LoadsAndIngestsTheFixedWidthExport()
    {
        using var node = await TestNode.CreateAsync();
        await PublishPluginAsync(Path.Combine(node.Data, "plugins"));
        var export = Path.Combine(RepositoryFiles.Root, "samples", "Plugin", "example", "market-powers.txt");
        var lines = File.ReadAllLines(export).ToList();
        var items = lines.Count(l => l.Length > 0 && l[0] != '*');

        // A line cut short by the old system's export goes to the quarantine with its reason.
        File.WriteAllLines(Path.Combine(node.Folder, "market-powers.txt"), [.. lines, "320321-XK-0999      半截的一行"]);
        HttpNodeConfig.AddAdapter(node, new JsonObject
        {
            ["Name"] = "market-legacy",
            ["Kind"] = "sample-fixed-width",
            ["Target"] = "power",
            ["Interval"] = "1.00:00:00",
            ["Mapping"] = new JsonObject
            {
                ["code"] = "事项编码", ["name"] = "事项名称", ["category"] = "权力类别", ["implementer.name"] = "实施主体",
                ["division_code"] = "区划", ["statutory_limit_days"] = "法定时限", ["promised_limit_days"] = "承诺时限",
                ["status"] = "状态", ["version"] = "版本", ["approval.approved_by"] = "审批机关", ["approval.approved_on"] = "审批日期",
                ["approval.reference"] = "审批文号",
            },
            ["Settings"] = new JsonObject { ["File"] = Path.Combine(node.Folder, "market-powers.txt") },
        });

        var run = await node.RunAsync("adapter", "run", "market-legacy", "--json");
        var again = await node.RunAsync("adapter", "run", "market-legacy", "--json");
        var list = await node.RunAsync("adapter", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        var first = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal((items, 1), (first.GetProperty("accepted").GetInt32(), first.GetProperty("rejected").GetInt32()));
        Assert.Equal(0, JsonDocument.Parse(again.Output).RootElement.GetProperty("accepted").GetInt32());
        var powers = JsonDocument.Parse((await node.RunAsync("power", "list", "--json")).Output).RootElement.EnumerateArray()
            .Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("320321-XK-0901", powers);
        Assert.Contains("320321-QR-0905", powers);
        var show = await node.RunAsync("power", "show", "320321-CF-0903", "--json");
        Assert.Contains("2024-03-12", show.Output, StringComparison.Ordinal);
        Assert.Contains("market-legacy (sample-fixed-width → power", list.Output, StringComparison.Ordinal);
        Assert.Contains($"accepted {items}, unchanged 0, rejected 1", list.Output, StringComparison.Ordinal);
        var quarantined = JsonDocument.Parse((await node.RunAsync("quarantine", "list", "--json")).Output).RootElement.EnumerateArray().Single();
        Assert.Equal($"market-powers.txt:{lines.Count + 1}", quarantined.GetProperty("source").GetString());
    }
}
