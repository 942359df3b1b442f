namespace ExchangeNode.Adapters;

/// <summary>Creates adapters of one kind. A plugin DLL exposes one or more public implementations with a parameterless constructor.</summary>
public interface IAdapterFactory
{
    /// <summary>The kind named in configuration, e.g. <c>drop-folder</c> or <c>acme-licensing</c>.</summary>
    string Kind { get; }

    /// <summary>Creates an adapter from its settings.</summary>
    /// <exception cref="AdapterConfigurationException">A setting is missing or wrong.</exception>
    ISourceAdapter Create(AdapterSettings settings);
}
