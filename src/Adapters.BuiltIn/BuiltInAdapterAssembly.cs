namespace ExchangeNode.Adapters.BuiltIn;

/// <summary>Marks this assembly: the agent offers every public <see cref="IAdapterFactory"/> in it as a built-in kind.</summary>
public static class BuiltInAdapterAssembly
{
    /// <summary>The built-in factories, one instance each.</summary>
    public static IReadOnlyList<IAdapterFactory> Factories { get; } =
        typeof(BuiltInAdapterAssembly).Assembly.GetExportedTypes()
            .Where(t => typeof(IAdapterFactory).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (IAdapterFactory)Activator.CreateInstance(t)!)
            .ToList();
}
