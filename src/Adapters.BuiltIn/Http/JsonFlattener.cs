using System.Text.Json;

namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>Turns one JSON item into named fields: nested objects flattened with dots, arrays kept as JSON text.</summary>
internal static class JsonFlattener
{
    /// <summary>The field a non-object item is kept under, so that it reaches the quarantine whole.</summary>
    public const string WholeItem = "(item)";

    public static Dictionary<string, string> Flatten(JsonElement item)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.ValueKind == JsonValueKind.Object)
        {
            Add(fields, string.Empty, item);
        }
        else
        {
            fields[WholeItem] = item.GetRawText();
        }

        return fields;
    }

    private static void Add(Dictionary<string, string> fields, string prefix, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Add(fields, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, property.Value);
                }

                break;
            case JsonValueKind.String:
                fields[prefix] = value.GetString()!;
                break;
            case JsonValueKind.True:
                fields[prefix] = "true";
                break;
            case JsonValueKind.False:
                fields[prefix] = "false";
                break;
            case JsonValueKind.Null:
                // Present but empty, like an empty cell: the mapping treats it as "not given".
                fields[prefix] = string.Empty;
                break;
            default:
                // Numbers as written; arrays kept as JSON text.
                fields[prefix] = value.GetRawText();
                break;
        }
    }

    /// <summary>A cursor value as text: a string as is, a number as written; null when absent or null.</summary>
    public static string? CursorText(JsonElement root, string property) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var cursor)
            ? cursor.ValueKind switch
            {
                JsonValueKind.String => cursor.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => cursor.GetRawText(),
            }
            : null;
}
