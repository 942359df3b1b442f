using System.Text;
using LiteDB;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

/// <summary>Tampering done behind the node's back, with LiteDB's own API on the closed node.db.</summary>
public sealed class LedgerVerifierTests : IDisposable
{
    private const int EntryCount = 5;

    private static readonly string[] ChainFields = ["b", "p", "h"];

    private static readonly string[] AllFields = ["o", "s", "j", "b", "p", "h"];

    private readonly TestNode _node = TestNode.County();

    public LedgerVerifierTests()
    {
        var summary = _node.ImportPowers([.. Enumerable.Range(1, EntryCount).Select(LedgerStoreTests.PowerNumber)]);
        Assert.Equal(EntryCount, summary.Accepted);
    }

    public void Dispose() => _node.Dispose();

    private static ILiteCollection<BsonDocument> Entries(LiteDatabase database) => database.GetCollection("ledger");

    private static BsonDocument Entry(LiteDatabase database, long id) =>
        Entries(database).FindById(id) ?? throw new InvalidOperationException($"no entry {id}");

    [Fact]
    public void Verify_IntactLedger_IsIntactWithCountsPerOrigin()
    {
        var report = _node.Verify();

        Assert.True(report.Intact);
        Assert.Null(report.Problem);
        Assert.Equal(EntryCount, report.Entries);
        var chain = Assert.Single(report.Chains);
        Assert.Equal(TestNode.CountyCode, chain.Origin);
        Assert.Equal(EntryCount, chain.Sequence);
        Assert.Equal(_node.Session.Ledger.HeadOf(TestNode.CountyCode)!.Hash, chain.Hash);
    }

    [Fact]
    public void Verify_EmptyLedger_IsIntactWithNoChains()
    {
        using var empty = TestNode.County();

        var report = empty.Verify();

        Assert.True(report.Intact);
        Assert.Equal(0, report.Entries);
        Assert.Empty(report.Chains);
    }

    [Fact]
    public void Verify_AfterBodyAlteredThroughLiteDb_NamesFirstBadEntry()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            var body = doc["b"].AsBinary;
            var code = Encoding.UTF8.GetBytes("320321-XK-003");
            var at = body.AsSpan().IndexOf(code);
            Assert.True(at >= 0);
            body[at + code.Length - 1] = (byte)'9';
            doc["b"] = body;
            Assert.True(Entries(db).Update(doc));
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(3, problem.LocalSequence);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.OriginSequence);
        Assert.Contains("altered", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(2, report.Entries);
    }

    [Fact]
    public void Verify_AfterOneBitOfTheLastBodyByteFlipped_NamesThatEntry()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            var body = doc["b"].AsBinary;
            body[^1] ^= 0x01;
            doc["b"] = body;
            Entries(db).Update(doc);
        });

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(3, problem.LocalSequence);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.OriginSequence);
    }

    [Fact]
    public void Verify_AfterMiddleEntryDeleted_NamesTheMissingSequenceWhereTheGapIs()
    {
        _node.Tamper(db => Assert.True(Entries(db).Delete(3L)));

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(4, problem.LocalSequence);
        Assert.Equal(3, problem.OriginSequence);
        Assert.Contains("应为第 3 条，实为第 4 条", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterLastEntryDeleted_NamesTheMissingLastEntry()
    {
        _node.Tamper(db => Assert.True(Entries(db).Delete((long)EntryCount)));

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(EntryCount, problem.OriginSequence);
        Assert.Equal(EntryCount, problem.LocalSequence);
        Assert.Contains($"#{EntryCount - 1}", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterBodiesAndHashesOfTwoEntriesSwapped_NamesTheFirstOfThem()
    {
        _node.Tamper(db =>
        {
            var second = Entry(db, 2);
            var third = Entry(db, 3);
            foreach (var field in ChainFields)
            {
                (second[field], third[field]) = (third[field], second[field]);
            }

            Entries(db).Update(second);
            Entries(db).Update(third);
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(2, problem.LocalSequence);
        Assert.Equal(2, problem.OriginSequence);
    }

    [Fact]
    public void Verify_AfterWholeEntriesSwappedWithTheirIndexFields_NamesTheFirstOfThem()
    {
        _node.Tamper(db =>
        {
            var second = Entry(db, 2);
            var third = Entry(db, 3);
            foreach (var field in AllFields)
            {
                (second[field], third[field]) = (third[field], second[field]);
            }

            Entries(db).Update(second);
            Entries(db).Update(third);
        });

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(2, problem.LocalSequence);
        Assert.Equal(2, problem.OriginSequence);
        Assert.Contains("应为第 2 条，实为第 3 条", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterOriginFieldChanged_NamesThatEntryByItsPosition()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            doc["o"] = "320322";
            Entries(db).Update(doc);
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        Assert.Equal(3, report.Problem!.LocalSequence);
        Assert.Contains("320321#3", report.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterOriginFieldChanged_NamesTheTrueOriginAndSequence()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            doc["o"] = "320322";
            Entries(db).Update(doc);
        });

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.OriginSequence);
    }

    [Fact]
    public void Verify_AfterSequenceFieldChanged_NamesThatEntryByItsPosition()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            doc["s"] = 9L;
            Entries(db).Update(doc);
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        Assert.Equal(3, report.Problem!.LocalSequence);
        Assert.Contains("320321#3", report.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterSequenceFieldChanged_NamesTheTrueOriginSequence()
    {
        _node.Tamper(db =>
        {
            var doc = Entry(db, 3);
            doc["s"] = 9L;
            Entries(db).Update(doc);
        });

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.OriginSequence);
    }
}
