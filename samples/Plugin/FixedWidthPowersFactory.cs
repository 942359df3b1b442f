using ExchangeNode.Adapters;

namespace ExchangeNode.Samples.Plugin;

/// <summary>
/// Kind <c>sample-fixed-width</c>: a department's legacy export of its power items, one item a
/// line in fixed-width columns (Settings: File, the export's path).
/// </summary>
public sealed class FixedWidthPowersFactory : IAdapterFactory
{
    /// <inheritdoc />
    public string Kind => "sample-fixed-width";

    /// <inheritdoc />
    public ISourceAdapter Create(AdapterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = settings.GetPath("File") ?? throw new AdapterConfigurationException(settings.Name, "File", "is required: the path of the fixed-width export");
        return new FixedWidthPowersAdapter(file);
    }
}
