using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>JSON for scripts: records in their proto3 JSON form, Chinese left readable.</summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static JsonNode Of(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;

    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(node.ToJsonString(Options));

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
