namespace ExchangeNode.Adapters;

/// <summary>An adapter's setting is missing or wrong; the message names the adapter and the key.</summary>
public sealed class AdapterConfigurationException(string adapter, string key, string problem)
    : Exception($"Adapters:{adapter}:Settings:{key} {problem}")
{
    /// <summary>The adapter's name.</summary>
    public string Adapter { get; } = adapter;

    /// <summary>The setting's key.</summary>
    public string Key { get; } = key;
}
