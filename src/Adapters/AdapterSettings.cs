namespace ExchangeNode.Adapters;

/// <summary>An adapter's settings from the node's configuration (Adapters:N:Settings).</summary>
public sealed class AdapterSettings(string name, string dataDirectory, IReadOnlyDictionary<string, string> values)
{
    /// <summary>The adapter's configured name.</summary>
    public string Name { get; } = name;

    /// <summary>The node's data folder, for relative paths.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>All settings, by key (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>A setting, or null.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>A setting that must be present.</summary>
    /// <exception cref="AdapterConfigurationException">It is not.</exception>
    public string Require(string key) =>
        Get(key) ?? throw new AdapterConfigurationException(Name, key, "is required");

    /// <summary>A path setting, relative to the data folder unless absolute.</summary>
    public string? GetPath(string key) => Get(key) is { } path ? Path.GetFullPath(path, DataDirectory) : null;
}
