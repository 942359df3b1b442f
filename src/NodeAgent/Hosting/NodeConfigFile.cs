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
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft.AspNetCore"] = "Warning" },
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
    public static NodeOptions Load(string dataDirectory)
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
        try
        {
            configuration.GetSection(NodeOptions.Section).Bind(node);
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigException($"{path}: {ex.Message}");
        }

        var result = new NodeOptionsValidator().Validate(node);
        if (!result.IsValid)
        {
            throw new NodeConfigException(string.Join(
                Environment.NewLine,
                result.Errors.Select(e => $"{path}: {e.PropertyName}: {e.ErrorMessage}")));
        }

        return node;
    }

    /// <summary>The level a code implies, for init when --level is omitted.</summary>
    public static NodeLevel DefaultLevel(string code) =>
        DivisionCode.CheckForm(code) is null ? DivisionCode.LevelOf(code) : NodeLevel.County;
}
