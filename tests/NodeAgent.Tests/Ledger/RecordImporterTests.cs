using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;
using Xunit;
using Record = ExchangeNode.Protocol.V1.Record;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

public sealed class RecordImporterTests : IDisposable
{
    private readonly TestNode _node = TestNode.County();

    public void Dispose() => _node.Dispose();

    private static ImportRow<Power> Row(int line, Power power) =>
        new($"powers.jsonl:{line}", JsonFormatter.Default.Format(power), power, []);

    private static Power Unapproved(int n)
    {
        var power = LedgerStoreTests.PowerNumber(n);
        power.Approval = null;
        return power;
    }

    private ImportSummary Import(params ImportRow<Power>[] rows) =>
        _node.Session.Importer.Import(
            "powers.jsonl",
            "power",
            rows,
            _node.Session.Powers.Admit,
            p => p.DivisionCode,
            CancellationToken.None);

    [Fact]
    public void Import_MixedRows_CountsAddUpToTheRowsOffered()
    {
        Import(Row(1, LedgerStoreTests.PowerNumber(1)));

        var summary = Import(
            Row(1, LedgerStoreTests.PowerNumber(1)),
            Row(2, LedgerStoreTests.PowerNumber(2)),
            Row(3, Unapproved(3)),
            Row(4, LedgerStoreTests.PowerNumber(4)),
            new ImportRow<Power>("powers.jsonl:5", "{not json", null, [new FieldProblem(FieldProblem.LineField(5), "无法解析 (does not parse)", IsWarning: false)]));

        Assert.Equal(2, summary.Accepted);
        Assert.Equal(1, summary.Unchanged);
        Assert.Equal(2, summary.Rejected);
        Assert.Equal(5, summary.Accepted + summary.Unchanged + summary.Rejected);
        Assert.Equal(3, _node.Session.Ledger.Count);
        Assert.Equal(["powers.jsonl:3", "powers.jsonl:5"], summary.Rejections.Select(r => r.SourceReference));
    }

    [Fact]
    public void Import_RejectedRows_LandInTheQuarantineWithSourceRawAndReasons()
    {
        var unapproved = Row(7, Unapproved(3));

        var summary = Import(
            Row(6, LedgerStoreTests.PowerNumber(2)),
            unapproved,
            new ImportRow<Power>("powers.jsonl:8", "{not json", null, [new FieldProblem(FieldProblem.LineField(8), "无法解析 (does not parse)", IsWarning: false)]));

        Assert.Equal(2, summary.Rejected);
        var held = _node.Session.Quarantine.List("power").OrderBy(q => q.Source, StringComparer.Ordinal).ToList();
        Assert.Equal(2, held.Count);
        Assert.Equal("powers.jsonl:7", held[0].Source);
        Assert.Equal(unapproved.Raw, held[0].Raw);
        Assert.Contains(held[0].Problems, p => p.Field.StartsWith("approval", StringComparison.Ordinal));
        Assert.Equal("powers.jsonl:8", held[1].Source);
        Assert.Equal("{not json", held[1].Raw);
        Assert.Equal(FieldProblem.LineField(8), Assert.Single(held[1].Problems).Field);
        Assert.All(held, q => Assert.Equal(1, q.Times));
        Assert.Empty(_node.Session.Quarantine.List("case"));
        Assert.Null(_node.Session.Powers.Current("320321-XK-003"));
    }

    [Fact]
    public void Import_SameBadRowTwice_KeepsOneQuarantineRecordSeenTwice()
    {
        Import(Row(3, Unapproved(3)));
        _node.Time.Advance(TimeSpan.FromHours(2));

        var second = Import(Row(9, Unapproved(3)));

        Assert.Equal(1, second.Rejected);
        var held = Assert.Single(_node.Session.Quarantine.List(null));
        Assert.Equal(2, held.Times);
        Assert.Equal("powers.jsonl:9", held.Source);
        Assert.Equal(TimeSpan.FromHours(2), held.LastSeen.ToUniversalTime() - held.FirstSeen.ToUniversalTime());
        Assert.Equal(held.Id, second.Rejections[0].QuarantineId);
    }

    [Fact]
    public void Import_SameBadRowTwice_SurvivesAReopenAsOneRecord()
    {
        Import(Row(3, Unapproved(3)));
        _node.Reopen();
        Import(Row(3, Unapproved(3)));

        Assert.Equal(2, Assert.Single(_node.Session.Quarantine.List("power")).Times);
        Assert.Equal(0, _node.Session.Ledger.Count);
    }

    [Fact]
    public void Import_SameFileTwice_AppendsNothingTheSecondTime()
    {
        var rows = Enumerable.Range(1, 3).Select(n => Row(n, LedgerStoreTests.PowerNumber(n))).ToArray();
        Import(rows);

        var again = Import(rows);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, again.Unchanged);
        Assert.Equal(3, _node.Session.Ledger.Count);
    }

    [Fact]
    public void Import_MoreRowsThanOneBatch_AppendsThemAllInOrder()
    {
        var rows = Enumerable.Range(1, 501).Select(n => Row(n, LedgerStoreTests.PowerNumber(n))).ToArray();

        var summary = Import(rows);

        Assert.Equal(501, summary.Accepted);
        Assert.Equal(501, _node.Session.Ledger.Count);
        Assert.Equal(501, _node.Session.Ledger.HeadOf(TestNode.CountyCode)!.Sequence);
        Assert.True(_node.Verify().Intact);
    }

    [Fact]
    public void Import_SameBadRowTwiceInOneFile_KeepsOneQuarantineRecordSeenTwice()
    {
        var summary = Import(Row(3, Unapproved(3)), Row(4, Unapproved(3)));

        Assert.Equal(2, summary.Rejected);
        Assert.Equal(2, Assert.Single(_node.Session.Quarantine.List("power")).Times);
    }

    [Fact]
    public void Import_NewVersionInTheSameFileAsTheFirst_SeesTheFirstAndAcceptsBoth()
    {
        var first = LedgerStoreTests.PowerNumber(1);
        var second = first.Clone();
        second.Version = 2;
        second.Name += "（修订）";
        var sameVersionChanged = first.Clone();
        sameVersionChanged.Name += "（未提版本）";

        var summary = Import(Row(1, first), Row(2, second), Row(3, sameVersionChanged));

        Assert.Equal(2, summary.Accepted);
        Assert.Equal("version", Assert.Single(Assert.Single(summary.Rejections).Problems).Field);
        Assert.Equal([1, 2], _node.Session.Powers.History(first.Code).Select(h => h.Power.Version));
    }
}
