using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;

namespace ExchangeNode.Benchmarks;

/// <summary>A fresh temp folder holding a node (node.json for 丰县 320321) or a bare LiteDB file; deleted on dispose.</summary>
internal sealed class ScratchNode : IDisposable
{
    public const string Code = "320321";

    public ScratchNode(string label)
    {
        Directory = Path.Combine(Path.GetTempPath(), "exchange-node-bench", $"{label}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        NodeConfigFile.Write(Directory, new NodeOptions { Code = Code, Name = "丰县", Level = NodeLevel.County });
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, NodeStore.DatabaseFileName);

    public NodeSession Open() => NodeSession.Open(Directory, TimeProvider.System);

    /// <summary>Bytes of the LiteDB file and its log, once closed (the log is merged at close).</summary>
    public long StoreBytes() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.db").Sum(f => new FileInfo(f).Length);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the figures are already taken.
        }
    }
}
