using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.Protocol.Identifiers;
using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>node.json in the data folder: the human-editable configuration of a node.</summary>
internal static class NodeConfigFile
{
    public const string FileName = "node.json";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static void Write(string dataDirectory, NodeOptions node)
    {
        var json = new JsonObject
        {
            ["Node"] = new JsonObject
            {
                ["Code"] = node.Code,
                ["Name"] = node.Name,
                ["Level"] = node.Level.ToString(),
                ["Parent"] = node.Parent,
                ["Listen"] = node.Listen,
            },
            ["Sync"] = new JsonObject
            {
                ["Credential"] = string.Empty,
                ["PushInterval"] = "00:15:00",
                ["PullInterval"] = "00:30:00",
                ["WarnAfter"] = "20:00:00",
                ["LateAfter"] = "1.00:00:00",
            },
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft.AspNetCore"] = "Warning", ["Quartz"] = "Warning" },
            },
        };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(PathIn(dataDirectory), json.ToJsonString(options) + Environment.NewLine);
    }

    /// <summary>Adds node.json to a configuration, with environment variables EXCHANGENODE_* over it.</summary>
    public static IConfigurationBuilder AddNodeConfig(this IConfigurationBuilder builder, string dataDirectory) =>
        builder.AddJsonFile(PathIn(dataDirectory), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables("EXCHANGENODE_");

    /// <summary>Reads and validates the node's configuration.</summary>
    /// <exception cref="NodeConfigException">The file is missing or a value is wrong.</exception>
    public static NodeOptions Load(string dataDirectory) => LoadAll(dataDirectory).Node;

    /// <summary>The folder third-party adapter plugins are loaded from: one subfolder per plugin.</summary>
    public static string PluginsIn(string dataDirectory) => Path.Combine(dataDirectory, "plugins");

    /// <summary>Reads and validates every section the agent uses.</summary>
    /// <exception cref="NodeConfigException">The file is missing or a value is wrong.</exception>
    public static (NodeOptions Node, Sync.SyncOptions Sync, List<Ingest.AdapterOptions> Adapters) LoadAll(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            throw new NodeConfigException(
                $"{path} 不存在：此文件夹还不是节点，先运行 exchange-node init --code ... --name ... --level ... (no node here; run init first, or pass --data)");
        }

        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddNodeConfig(dataDirectory).Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or JsonException)
        {
            throw new NodeConfigException($"{path}: 无法读取 (cannot be read: {ex.Message})");
        }

        var node = new NodeOptions();
        var sync = new Sync.SyncOptions();
        var adapters = new List<Ingest.AdapterOptions>();
        try
        {
            configuration.GetSection(NodeOptions.Section).Bind(node);
            configuration.GetSection(Sync.SyncOptions.Section).Bind(sync);
            configuration.GetSection(Ingest.AdapterOptions.Section).Bind(adapters);
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigException($"{path}: {ex.Message}");
        }

        var errors = new NodeOptionsValidator().Validate(node).Errors
            .Concat(new Sync.SyncOptionsValidator().Validate(sync).Errors)
            .Concat(adapters.SelectMany((a, i) => new Ingest.AdapterOptionsValidator(i, adapters).Validate(a).Errors))
            .ToList();
        if (errors.Count > 0)
        {
            throw new NodeConfigException(string.Join(
                Environment.NewLine,
                errors.Select(e => $"{path}: {e.PropertyName}: {e.ErrorMessage}")));
        }

        return (node, sync, adapters);
    }

    /// <summary>The level a code implies, for init when --level is omitted.</summary>
    public static NodeLevel DefaultLevel(string code) =>
        DivisionCode.CheckForm(code) is null ? DivisionCode.LevelOf(code) : NodeLevel.County;
}
