using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class NodeStoreTests : IDisposable
{
    private readonly TestNode _node = TestNode.County();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Open_SameDataFolderTwiceInOneProcess_SecondThrowsStoreBusy()
    {
        var ex = Assert.Throws<StoreBusyException>(() => NodeSession.Open(_node.DataDirectory, _node.Time));

        Assert.Equal(_node.DataDirectory, ex.DataDirectory);
        Assert.Contains(_node.DataDirectory, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StoreDirectlyWhileSessionHoldsIt_ThrowsStoreBusy()
    {
        Assert.Throws<StoreBusyException>(() => NodeStore.Open(_node.DataDirectory));
    }

    [Fact]
    public void Open_AfterTheFirstSessionIsDisposed_Succeeds()
    {
        Assert.Throws<StoreBusyException>(() => NodeSession.Open(_node.DataDirectory, _node.Time));
        _node.Close();

        using var session = NodeSession.Open(_node.DataDirectory, _node.Time);

        Assert.Equal(TestNode.CountyCode, session.Ledger.NodeCode);
    }

    [Fact]
    public void Open_AfterNodeCodeEditedToAnotherCounty_ThrowsNodeConfigNamingBothCodes()
    {
        _node.Close();
        NodeConfigFile.Write(_node.DataDirectory, new NodeOptions { Code = "320322", Name = "沛县", Level = NodeLevel.County });

        var ex = Assert.Throws<NodeConfigException>(() => NodeSession.Open(_node.DataDirectory, _node.Time));

        Assert.Contains("320322", ex.Message, StringComparison.Ordinal);
        Assert.Contains("320321", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Node:Code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterNodeCodeRestored_WorksAgainAndTheStoreWasNotLeftLocked()
    {
        _node.Close();
        NodeConfigFile.Write(_node.DataDirectory, new NodeOptions { Code = "320322", Name = "沛县", Level = NodeLevel.County });
        Assert.Throws<NodeConfigException>(() => NodeSession.Open(_node.DataDirectory, _node.Time));

        NodeConfigFile.Write(_node.DataDirectory, new NodeOptions { Code = TestNode.CountyCode, Name = "丰县", Level = NodeLevel.County });
        using var session = NodeSession.Open(_node.DataDirectory, _node.Time);

        Assert.Equal(TestNode.CountyCode, session.Node.Code);
    }

    [Fact]
    public void Open_FolderWithoutNodeJson_ThrowsNodeConfigNamingTheFile()
    {
        using var empty = new ExchangeNode.Tests.Support.TempDirectory();

        var ex = Assert.Throws<NodeConfigException>(() => NodeSession.Open(empty.Path, _node.Time));

        Assert.Contains(NodeConfigFile.FileName, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty.Path, NodeStore.DatabaseFileName)));
    }
}
