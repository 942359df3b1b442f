using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Ingest;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Library;
using ExchangeNode.NodeAgent.Quarantine;
using ExchangeNode.NodeAgent.Sync;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>A node's configuration and open store, with the services that work on it.</summary>
internal sealed class NodeSession : IDisposable
{
    private readonly bool _ownsStore;

    private NodeSession(NodeOptions node, SyncOptions sync, List<AdapterOptions> adapters, NodeStore store, TimeProvider time, bool ownsStore)
    {
        Node = node;
        Sync = sync;
        Store = store;
        Time = time;
        _ownsStore = ownsStore;
        Ledger = new LedgerStore(store, node.Code, time);
        Powers = new PowerLibrary(Ledger);
        Cases = new CaseBook(Ledger, Powers);
        Quarantine = new QuarantineStore(store.Database, time);
        Importer = new RecordImporter(Ledger, Quarantine);
        Children = new ChildRegistry(store.Database, node.Code, time);
        SyncState = new SyncState(store.Database);
        ParentAck = ParentAck.Load(store.DataDirectory, node.Code, time);
        Ledger.LocalAppendGuard = ParentAck.Check;
        Parent = new ParentSync(this);
        Freshness = new FreshnessMonitor(this);
        Adapters = new AdapterHost(this, adapters);
    }

    private NodeSession(NodeSession shared)
    {
        Node = shared.Node;
        Store = shared.Store;
        Time = shared.Time;
        Ledger = shared.Ledger;
        Powers = shared.Powers;
        Cases = shared.Cases;
        Quarantine = shared.Quarantine;
        Importer = shared.Importer;
        Children = shared.Children;
        SyncState = shared.SyncState;
        ParentAck = shared.ParentAck;
        Parent = shared.Parent;
        Freshness = shared.Freshness;
        Adapters = shared.Adapters;
        Sync = shared.Sync;
        _ownsStore = false;
    }

    public NodeOptions Node { get; }

    public SyncOptions Sync { get; }

    public ChildRegistry Children { get; }

    public SyncState SyncState { get; }

    /// <summary>How far the parent confirmed holding this node's own chain; guards local appends.</summary>
    public ParentAck ParentAck { get; }

    public ParentSync Parent { get; }

    public FreshnessMonitor Freshness { get; }

    public AdapterHost Adapters { get; }

    public NodeStore Store { get; }

    public TimeProvider Time { get; }

    public LedgerStore Ledger { get; }

    public PowerLibrary Powers { get; }

    public CaseBook Cases { get; }

    public QuarantineStore Quarantine { get; }

    public RecordImporter Importer { get; }

    /// <summary>Opens the node in <paramref name="dataDirectory"/> for the life of this session.</summary>
    /// <exception cref="NodeConfigException">No node there, or its configuration is wrong.</exception>
    /// <exception cref="StoreBusyException">Another process holds the store.</exception>
    public static NodeSession Open(string dataDirectory, TimeProvider time)
    {
        var (node, sync, adapters) = NodeConfigFile.LoadAll(dataDirectory);
        var store = NodeStore.Open(dataDirectory);
        try
        {
            NodeIdentity.CheckOrRecord(store.Database, node.Code);
            return new NodeSession(node, sync, adapters, store, time, ownsStore: true);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>A view of this session whose disposal leaves the store open (for commands run inside the agent).</summary>
    public NodeSession Borrow() => new(this);

    public void Dispose()
    {
        if (_ownsStore)
        {
            Parent.Dispose();
            Adapters.Dispose();
            Store.Dispose();
        }
    }
}
