using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Tests.Cases;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.Protocol.V1;
using LiteDB;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class ViewRebuilderTests : IDisposable
{
    private readonly TestNode _node = TestNode.County();

    public ViewRebuilderTests()
    {
        var licence = ValidRecords.Power();
        var renamed = licence.Clone();
        renamed.Version = 2;
        renamed.Name = "食品经营许可（含仅销售预包装食品备案）";
        var suspended = CaseRecords.WithStatus(renamed, PowerStatus.Suspended, 3);
        var other = LedgerStoreTests.PowerNumber(2);
        var cancelled = CaseRecords.WithStatus(other, PowerStatus.Cancelled, 2);

        Assert.Equal(4, _node.ImportPowers(licence, renamed, other, CaseRecords.PenaltyPower()).Accepted);
        _node.Time.Advance(TimeSpan.FromHours(1));
        var badCheckDigit = ValidRecords.Organisation();
        badCheckDigit.CreditCode = "91350100M000100Y44";
        var cases = _node.ImportCases(
            CaseRecords.Accepted("320321-2024-000001", powerVersion: 2),
            CaseRecords.Next("320321-2024-000001", "2", CaseEventKind.Opinion),
            CaseRecords.Next("320321-2024-000001", "3", CaseEventKind.Concluded),
            CaseRecords.Accepted("320321-2024-000002", powerVersion: 2, counterpart: badCheckDigit),
            CaseRecords.Next("320321-2024-000002", "2", CaseEventKind.Suspended),
            CaseRecords.Accepted("320321-2024-000003", CaseRecords.PenaltyCode),
            CaseRecords.Penalty("320321-2024-000003", "2", 9000),
            CaseRecords.Merged("320321-2024-000003", "3", "320321-2024-000001"));
        Assert.Equal(8, cases.Accepted);
        _node.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, _node.ImportPowers(suspended, cancelled).Accepted);
        _node.Time.Advance(TimeSpan.FromDays(3));
    }

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Rebuild_AfterImports_GivesTheSameViewsDocumentForDocument()
    {
        var before = _node.DumpViews();

        var applied = ViewRebuilder.Rebuild(_node.Session.Ledger, CancellationToken.None);

        Assert.Equal(14, applied);
        Assert.Equal(before, _node.DumpViews());
    }

    [Fact]
    public void Rebuild_AfterImports_ViewsHoldEveryVersionAndCase()
    {
        ViewRebuilder.Rebuild(_node.Session.Ledger, CancellationToken.None);

        var database = _node.Session.Store.Database;
        Assert.Equal(3, database.GetCollection(LedgerCollections.Powers).Count());
        Assert.Equal(6, database.GetCollection(LedgerCollections.PowerVersions).Count());
        Assert.Equal(3, database.GetCollection(LedgerCollections.Cases).Count());
        Assert.Equal(PowerStatus.Suspended, _node.Session.Powers.Current("320321-XK-001")!.Status);
        Assert.Equal([1, 2, 3], _node.Session.Powers.History("320321-XK-001").Select(v => v.Power.Version));
        Assert.Equal(NodeAgent.Cases.CaseStatus.Merged, _node.Session.Cases.Find("320321-2024-000003")!.Status);
        Assert.Single(_node.Session.Cases.Find("320321-2024-000002")!.Warnings);
    }

    [Fact]
    public void Rebuild_AfterViewsDroppedByHand_RestoresThemExactly()
    {
        var before = _node.DumpViews();
        _node.Tamper(db =>
        {
            foreach (var view in LedgerCollections.Views)
            {
                Assert.True(db.DropCollection(view));
            }
        });
        Assert.Null(_node.Session.Powers.Current("320321-XK-001"));
        Assert.Null(_node.Session.Cases.Find("320321-2024-000001"));

        ViewRebuilder.Rebuild(_node.Session.Ledger, CancellationToken.None);

        Assert.Equal(before, _node.DumpViews());
        Assert.NotNull(_node.Session.Cases.Find("320321-2024-000001"));
    }

    [Fact]
    public void Rebuild_ThenReopen_KeepsTheViewsAndTheLedgerIntact()
    {
        var before = _node.DumpViews();

        ViewRebuilder.Rebuild(_node.Session.Ledger, CancellationToken.None);
        _node.Reopen();

        Assert.Equal(before, _node.DumpViews());
        Assert.True(_node.Verify().Intact);
        Assert.Equal(14, _node.Verify().Entries);
    }

    [Fact]
    public void Open_StoreWhoseViewsHaveAnEarlierForm_DerivesThemAgainFromTheLedger()
    {
        var before = _node.DumpViews();

        _node.Tamper(db =>
        {
            // The case view as the second session's version wrote it: BSON fields, events as sub-documents.
            var cases = db.GetCollection(LedgerCollections.Cases);
            cases.DeleteAll();
            cases.Insert(new BsonDocument
            {
                ["_id"] = "320321-2024-000001",
                ["status"] = "Open",
                ["power"] = "320321-XK-001",
                ["events"] = new BsonArray { new BsonDocument { ["id"] = "1", ["kind"] = 1, ["seq"] = 7L } },
            });
            db.UserVersion = 0;
        });

        Assert.Equal(before, _node.DumpViews());
        Assert.Equal(LedgerCollections.ViewsFormat, _node.Session.Store.Database.UserVersion);
        Assert.Equal(NodeAgent.Cases.CaseStatus.Concluded, _node.Session.Cases.Find("320321-2024-000001")!.Status);
        Assert.True(_node.Verify().Intact);
    }

    [Fact]
    public void Open_StoreOfAnEarlierFormWithADamagedBlock_StillOpensSoThatVerifyNamesTheDamage()
    {
        _node.Tamper(db =>
        {
            var ledger = db.GetCollection(LedgerCollections.Entries);
            var block = ledger.FindAll().First();
            block[LedgerBlocks.Count] = block[LedgerBlocks.Count].AsInt32 + 1;
            Assert.True(ledger.Update(block));
            db.UserVersion = 0;
        });

        Assert.Contains("ledger verify", _node.Session.Ledger.ViewsProblem, StringComparison.Ordinal);
        var report = _node.Verify();
        Assert.False(report.Intact);
        Assert.Contains("count", report.Problem!.Reason, StringComparison.Ordinal);

        // The form stays unrecorded: the next open tries again, and says so again.
        _node.Reopen();
        Assert.NotNull(_node.Session.Ledger.ViewsProblem);
        Assert.Equal(0, _node.Session.Store.Database.UserVersion);
    }
}
