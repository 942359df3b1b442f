namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Where a node's files live: --data, else EXCHANGENODE_DATA, else ./data.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "EXCHANGENODE_DATA";

    public static string Resolve(string? option)
    {
        var chosen = !string.IsNullOrWhiteSpace(option)
            ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : "data";
        return Path.GetFullPath(chosen);
    }
}
