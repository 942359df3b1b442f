using ExchangeNode.Adapters;
using ExchangeNode.Adapters.BuiltIn;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>The adapters that come with the agent.</summary>
internal static class BuiltInAdapters
{
    public static IReadOnlyList<IAdapterFactory> All => BuiltInAdapterAssembly.Factories;
}
