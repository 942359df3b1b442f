using System.Text.Json;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Sync;
using ExchangeNode.NodeAgent.Tests.Ledger;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Record = ExchangeNode.Protocol.V1.Record;

namespace ExchangeNode.NodeAgent.Tests.Sync;

public sealed class ParentAckTests : IDisposable
{
    private static readonly byte[] HashOf3 = [.. Enumerable.Repeat((byte)0x33, 32)];
    private static readonly byte[] HashOf7 = [.. Enumerable.Repeat((byte)0x77, 32)];

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 6, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private string RecordPath => _folder.File(ParentAck.FileName);

    [Fact]
    public void Raise_WritesTheRecordWhole_AndANewLoadReadsItBack()
    {
        var ack = ParentAck.Load(_folder.Path, "320321", _time);

        var grew = ack.Raise(7, HashOf7);

        Assert.True(grew);
        Assert.Equal([ParentAck.FileName], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        var json = JsonDocument.Parse(File.ReadAllText(RecordPath)).RootElement;
        Assert.Equal("320321", json.GetProperty("origin").GetString());
        Assert.Equal(7, json.GetProperty("sequence").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(HashOf7), json.GetProperty("hash").GetString());
        var reloaded = ParentAck.Load(_folder.Path, "320321", _time);
        Assert.Equal(7, reloaded.Sequence);
        Assert.Equal(HashOf7, reloaded.Hash);
    }

    [Fact]
    public void Raise_BelowOrAtWhatIsKnown_ChangesNothing()
    {
        var ack = ParentAck.Load(_folder.Path, "320321", _time);
        ack.Raise(7, HashOf7);
        var written = File.ReadAllText(RecordPath);
        _time.Advance(TimeSpan.FromMinutes(5));

        var lower = ack.Raise(3, HashOf3);
        var same = ack.Raise(7, HashOf7);

        Assert.False(lower);
        Assert.False(same);
        Assert.Equal(7, ack.Sequence);
        Assert.Equal(written, File.ReadAllText(RecordPath));
        Assert.Equal(7, ParentAck.Load(_folder.Path, "320321", _time).Sequence);
    }

    [Fact]
    public void Load_WithTheTempFileOfAWriteThatNeverFinished_ReadsTheLastWholeRecord_AndTheNextRaiseReplacesIt()
    {
        ParentAck.Load(_folder.Path, "320321", _time).Raise(3, HashOf3);
        File.WriteAllText(RecordPath + ".tmp", "{\"origin\":\"320321\",\"seq");

        var ack = ParentAck.Load(_folder.Path, "320321", _time);
        Assert.Equal(3, ack.Sequence);
        ack.Raise(7, HashOf7);

        Assert.Equal(7, ParentAck.Load(_folder.Path, "320321", _time).Sequence);
        Assert.False(File.Exists(RecordPath + ".tmp"));
    }

    [Fact]
    public void Lower_GoesOnlyDown_AndIsDurable()
    {
        var ack = ParentAck.Load(_folder.Path, "320321", _time);
        ack.Raise(7, HashOf7);

        ack.Lower(9, HashOf7);
        var afterHigher = ack.Sequence;
        ack.Lower(3, HashOf3);

        Assert.Equal(7, afterHigher);
        Assert.Equal(3, ParentAck.Load(_folder.Path, "320321", _time).Sequence);
        Assert.Equal(HashOf3, ParentAck.Load(_folder.Path, "320321", _time).Hash);
    }

    [Fact]
    public void Load_OfAnotherNodesRecord_SaysWhoseItIs()
    {
        ParentAck.Load(_folder.Path, "320322", _time).Raise(3, HashOf3);

        var ex = Assert.Throws<NodeConfigException>(() => ParentAck.Load(_folder.Path, "320321", _time));

        Assert.Contains("320322", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OfAFileThatDoesNotParse_NamesTheFile()
    {
        File.WriteAllText(RecordPath, "not json");

        var ex = Assert.Throws<NodeConfigException>(() => ParentAck.Load(_folder.Path, "320321", _time));

        Assert.Contains(ParentAck.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalAppends_WhileOwnEntriesTheParentHoldsAreMissing_AreRefusedUntilTheyAreTakenBack()
    {
        using var original = TestNode.County();
        original.ImportPowers(LedgerStoreTests.PowerNumber(1), LedgerStoreTests.PowerNumber(2), LedgerStoreTests.PowerNumber(3));
        var lost = original.Session.Ledger.ReadFrom().ToList();
        using var behind = TestNode.County();
        behind.Session.ParentAck.Raise(3, lost[2].Entry.Hash.Span);

        var refused = Assert.Throws<OwnEntriesMissingException>(() => behind.ImportPowers(LedgerStoreTests.PowerNumber(4)));

        Assert.Contains("#1..#3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("exchange-node sync push", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, behind.Session.Ledger.Count);

        using (var transaction = behind.Session.Ledger.Begin())
        {
            foreach (var entry in lost)
            {
                Assert.True(transaction.AppendForeign(entry.Entry, entry.Body));
            }

            transaction.Commit();
        }

        var summary = behind.ImportPowers(LedgerStoreTests.PowerNumber(4));
        Assert.Equal(1, summary.Accepted);
        Assert.Equal(4, behind.Session.Ledger.HeadOf(TestNode.CountyCode)!.Sequence);
        Assert.True(behind.Verify().Intact);
    }

    [Fact]
    public void EntriesFromAChild_AreAcceptedWhileThisNodesOwnAppendsAreRefused()
    {
        using var county = TestNode.County();
        county.ImportPowers(LedgerStoreTests.PowerNumber(1));
        using var city = TestNode.Create("320300", NodeLevel.City);
        city.Session.ParentAck.Raise(5, HashOf7);
        var fromChild = county.Session.Ledger.ReadFrom().Single();

        bool applied;
        using (var transaction = city.Session.Ledger.Begin())
        {
            applied = transaction.AppendForeign(fromChild.Entry, fromChild.Body);
            transaction.Commit();
        }

        Assert.True(applied);
        Assert.Equal(1, city.Session.Ledger.HeadOf(TestNode.CountyCode)!.Sequence);
        Assert.Throws<OwnEntriesMissingException>(() =>
        {
            using var transaction = city.Session.Ledger.Begin();
            transaction.AppendLocal(new Record { Alert = new Alert { Kind = "test", Level = AlertLevel.Red, Subject = "320300" } }, "320300");
        });
    }
}
