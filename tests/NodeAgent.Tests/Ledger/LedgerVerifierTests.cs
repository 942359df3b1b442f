using System.Text;
using ExchangeNode.Tests.Support;
using LiteDB;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

/// <summary>Tampering done behind the node's back, with LiteDB's own API on the closed node.db.</summary>
public sealed class LedgerVerifierTests : IDisposable
{
    private const int EntryCount = 5;

    private readonly TestNode _node = TestNode.County();

    public LedgerVerifierTests()
    {
        var summary = _node.ImportPowers([.. Enumerable.Range(1, EntryCount).Select(LedgerStoreTests.PowerNumber)]);
        Assert.Equal(EntryCount, summary.Accepted);
    }

    public void Dispose() => _node.Dispose();

    private static BsonDocument OnlyBlock(LiteDatabase database) => database.GetCollection("ledger").FindAll().Single();

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
        _node.Tamper(db => LedgerFile.EditBlockOf(db, 3, (entries, at) => entries[at] = LedgerFile.WithBody(entries[at], body =>
        {
            var code = Encoding.UTF8.GetBytes("320321-XK-003");
            var found = body.AsSpan().IndexOf(code);
            Assert.True(found >= 0);
            body[found + code.Length - 1] = (byte)'9';
        })));

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
        _node.Tamper(db => LedgerFile.EditBlockOf(db, 3, (entries, at) => entries[at] = LedgerFile.WithBody(entries[at], body => body[^1] ^= 0x01)));

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(3, problem.LocalSequence);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.OriginSequence);
    }

    [Fact]
    public void Verify_AfterMiddleEntryDeleted_NamesTheMissingSequenceWhereTheGapIs()
    {
        _node.Tamper(db => LedgerFile.EditBlockOf(db, 3, (entries, at) => entries.RemoveAt(at)));

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(3, problem.LocalSequence);
        Assert.Equal(3, problem.OriginSequence);
        Assert.Contains("应为第 3 条，实为第 4 条", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterLastEntryDeleted_NamesTheMissingLastEntry()
    {
        _node.Tamper(db => LedgerFile.EditBlockOf(db, EntryCount, (entries, at) => entries.RemoveAt(at)));

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(EntryCount, problem.OriginSequence);
        Assert.Equal(EntryCount, problem.LocalSequence);
        Assert.Contains($"#{EntryCount - 1}", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterWholeBlockDeleted_NamesTheFirstMissingEntry()
    {
        var more = _node.ImportPowers([.. Enumerable.Range(EntryCount + 1, 3).Select(LedgerStoreTests.PowerNumber)]);
        Assert.Equal(3, more.Accepted);
        _node.Tamper(db => Assert.True(db.GetCollection("ledger").Delete((long)EntryCount)));

        var report = _node.Verify();

        Assert.False(report.Intact);
        var problem = report.Problem!;
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(1, problem.OriginSequence);
        Assert.Contains("应为第 1 条，实为第 6 条", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterTwoEntriesSwapped_NamesTheFirstOfThem()
    {
        _node.Tamper(db => LedgerFile.EditBlockOf(db, 2, (entries, at) => (entries[at], entries[at + 1]) = (entries[at + 1], entries[at])));

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(2, problem.LocalSequence);
        Assert.Equal(2, problem.OriginSequence);
        Assert.Contains("应为第 2 条，实为第 3 条", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterEntryRepeated_NamesTheRepeat()
    {
        _node.Tamper(db => LedgerFile.EditBlockOf(db, 3, (entries, at) => entries.Insert(at, entries[at - 1])));

        var problem = _node.Verify().Problem;

        Assert.NotNull(problem);
        Assert.Equal(3, problem.LocalSequence);
        Assert.Equal(3, problem.OriginSequence);
        Assert.Contains("repeated or reordered", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterBlockCountChanged_SaysTheBlockDoesNotHold()
    {
        _node.Tamper(db =>
        {
            var block = OnlyBlock(db);
            block["n"] = EntryCount - 1;
            Assert.True(db.GetCollection("ledger").Update(block));
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        Assert.Equal(1, report.Problem!.LocalSequence);
        Assert.Contains("count does not match", report.Problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AfterBlockBytesCutShort_SaysTheBlockIsNotWellFormed()
    {
        _node.Tamper(db =>
        {
            var block = OnlyBlock(db);
            block["e"] = block["e"].AsBinary[..^10];
            Assert.True(db.GetCollection("ledger").Update(block));
        });

        var report = _node.Verify();

        Assert.False(report.Intact);
        Assert.Equal(0, report.Entries);
        Assert.Contains("not well-formed", report.Problem!.Reason, StringComparison.Ordinal);
    }
}
