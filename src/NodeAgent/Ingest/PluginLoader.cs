using System.Reflection;
using System.Runtime.Loader;
using ExchangeNode.Adapters;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>
/// Loads third-party adapters from plugins/&lt;name&gt;/&lt;name&gt;.dll, each in its own
/// AssemblyLoadContext so their dependencies cannot clash with the agent's or each other's.
/// Only the adapter SDK is shared, so the factory types are the agent's own IAdapterFactory.
/// </summary>
internal static class PluginLoader
{
    public static IEnumerable<(IAdapterFactory Factory, string Source)> Load(string pluginsDirectory)
    {
        if (!Directory.Exists(pluginsDirectory))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(pluginsDirectory).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
            if (!File.Exists(path))
            {
                throw new AdapterConfigurationException(Path.GetFileName(folder), "plugin", $"folder {folder} has no {Path.GetFileName(path)}");
            }

            var context = new PluginLoadContext(path);
            var assembly = context.LoadFromAssemblyPath(path);
            foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IAdapterFactory).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
            {
                yield return ((IAdapterFactory)Activator.CreateInstance(type)!, path);
            }
        }
    }

    private sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(name: pluginPath, isCollectible: false)
    {
        private static readonly string SdkName = typeof(IAdapterFactory).Assembly.GetName().Name!;
        private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // The contract is shared with the agent; everything else comes from the plugin's own folder.
            if (assemblyName.Name == SdkName)
            {
                return null;
            }

            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
