using ExchangeNode.Samples.Generator;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>A county node with one drop-folder adapter, configured in node.json as an operator would.</summary>
internal sealed class DropFolderKit : IDisposable
{
    /// <summary>The power CSV's columns (samples/data/fengxian-powers.csv) by canonical field path.</summary>
    public static readonly Dictionary<string, string> PowerMapping = new()
    {
        ["code"] = "权力编码",
        ["name"] = "权力名称",
        ["category"] = "权力类别",
        ["implementer.name"] = "实施主体",
        ["implementer.code"] = "实施主体编码",
        ["division_code"] = "行政区划代码",
        ["legal_basis"] = "法律依据",
        ["fee_basis"] = "收费依据和标准",
        ["statutory_limit_days"] = "法定期限",
        ["promised_limit_days"] = "承诺期限",
        ["handling_office"] = "办理机构",
        ["address"] = "办理地点",
        ["phone"] = "联系电话",
        ["supervision_phone"] = "监督电话",
        ["required_materials"] = "申请材料",
        ["status"] = "状态",
        ["version"] = "版本",
        ["approval.approved_by"] = "审核确认机关",
        ["approval.approved_on"] = "审核确认日期",
        ["approval.reference"] = "审核确认文号",
        ["external_flow"] = "外部流程",
        ["internal_flow"] = "内部流程",
        ["discretion_benchmarks"] = "裁量基准",
    };

    private DropFolderKit(TestNode node, string name)
    {
        Node = node;
        AdapterName = name;
        InboxPath = Path.Combine(node.Folder, "inbox");
        Directory.CreateDirectory(InboxPath);
    }

    public TestNode Node { get; }

    public string AdapterName { get; }

    public string InboxPath { get; }

    public string Archive => Path.Combine(InboxPath, "archive");

    public static async Task<DropFolderKit> CreateAsync(
        string target, IReadOnlyDictionary<string, string> mapping, IReadOnlyDictionary<string, string>? settings = null, string name = "xk-drop")
    {
        var kit = new DropFolderKit(await TestNode.CreateAsync(), name);
        var path = Path.Combine(kit.Node.Data, "node.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var allSettings = new JsonObject { ["Inbox"] = kit.InboxPath, ["StableFor"] = "00:00:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            allSettings[key] = value;
        }

        json["Adapters"] = new JsonArray(new JsonObject
        {
            ["Name"] = name,
            ["Kind"] = "drop-folder",
            ["Target"] = target,
            ["Interval"] = "01:00:00",
            ["Mapping"] = new JsonObject(mapping.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            ["Settings"] = allSettings,
        });
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        return kit;
    }

    /// <summary>Runs <c>adapter run NAME --json</c>.</summary>
    public Task<CliResult> RunAdapterAsync() => Node.RunAsync("adapter", "run", AdapterName, "--json");

    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await Node.RunAsync([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    public async Task<List<JsonElement>> QuarantineAsync() =>
        (await JsonAsync("quarantine", "list", "--adapter", AdapterName)).EnumerateArray().ToList();

    public async Task<long> LedgerEntriesAsync() => (await JsonAsync("ledger", "verify")).GetProperty("entries").GetInt64();

    /// <summary>The receipt of an archived file, by the name it was archived as.</summary>
    public JsonElement Receipt(string archivedAs, bool failed = false)
    {
        var path = Path.Combine(failed ? Path.Combine(Archive, "failed") : Archive, archivedAs + ".receipt.json");
        Assert.True(File.Exists(path), $"no receipt {path}; archive holds: {string.Join(", ", Directory.Exists(Archive) ? Directory.EnumerateFileSystemEntries(Archive, "*", SearchOption.AllDirectories) : [])}");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    public void Dispose() => Node.Dispose();

    /// <summary>Writes a CSV as a department system would, returning the physical line each data record starts on.</summary>
    public static List<int> WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, Encoding encoding)
    {
        var text = new StringBuilder();
        var lines = new List<int>();
        var line = 1;
        text.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        line++;
        foreach (var row in rows)
        {
            lines.Add(line);
            var record = string.Join(',', row.Select(Quote));
            text.Append(record).Append("\r\n");
            line += 1 + record.Count(c => c == '\n');
        }

        File.WriteAllBytes(path, encoding.GetBytes(text.ToString()));
        return lines;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
