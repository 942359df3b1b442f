using System.Text.RegularExpressions;

namespace ExchangeNode.Adapters.BuiltIn.Database;

/// <summary>A table or column name from configuration, checked and quoted, so that configuration can never inject SQL.</summary>
internal sealed partial record SqlIdentifier(string Name, string Quoted)
{
    public static SqlIdentifier Parse(AdapterSettings settings, string key, bool allowSchema)
    {
        var name = settings.Require(key).Trim();
        var parts = name.Split('.');
        if ((!allowSchema && parts.Length > 1) || parts.Length > 2 || !parts.All(p => Part().IsMatch(p)))
        {
            throw new AdapterConfigurationException(settings.Name, key,
                $"\"{name}\" is not a plain {(allowSchema ? "table or view name (optionally schema.name)" : "column name")}: letters (Chinese too), digits and _ only");
        }

        return new SqlIdentifier(name, string.Join('.', parts.Select(p => "\"" + p + "\"")));
    }

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_$]{0,62}$")]
    private static partial Regex Part();
}
