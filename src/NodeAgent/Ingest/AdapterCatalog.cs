using ExchangeNode.Adapters;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>The adapter kinds this node can run: the built-in ones and those of the plugins folder.</summary>
internal sealed class AdapterCatalog(IReadOnlyDictionary<string, (IAdapterFactory Factory, string Source)> factories)
{
    public IReadOnlyDictionary<string, (IAdapterFactory Factory, string Source)> Factories { get; } = factories;

    public static AdapterCatalog Load(string pluginsDirectory)
    {
        var factories = new Dictionary<string, (IAdapterFactory, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var factory in BuiltInAdapters.All)
        {
            factories[factory.Kind] = (factory, "built-in");
        }

        foreach (var (factory, source) in PluginLoader.Load(pluginsDirectory))
        {
            if (!factories.TryAdd(factory.Kind, (factory, source)))
            {
                throw new AdapterConfigurationException(factory.Kind, "Kind", $"is declared twice: by {factories[factory.Kind].Item2} and by {source}");
            }
        }

        return new AdapterCatalog(factories);
    }

    public ISourceAdapter Create(AdapterOptions options, string dataDirectory)
    {
        if (!Factories.TryGetValue(options.Kind, out var entry))
        {
            throw new AdapterConfigurationException(options.Name, "Kind",
                $"\"{options.Kind}\" is not a known kind (known: {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}); a plugin goes in the data folder's plugins/<name>/ folder");
        }

        return entry.Factory.Create(new AdapterSettings(options.Name, dataDirectory, options.Settings));
    }
}
