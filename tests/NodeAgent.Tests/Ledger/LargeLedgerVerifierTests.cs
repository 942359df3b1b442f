using System.Security.Cryptography;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using Xunit;
using Record = ExchangeNode.Protocol.V1.Record;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

/// <summary>
/// Verify over a ledger of many blocks, where a second thread hashes blocks while the first
/// reads and links them: what it reports must be what a one-thread scan reports, whichever
/// thread met the damage first.
/// </summary>
public sealed class LargeLedgerVerifierTests : IDisposable, IClassFixture<LargeLedgerVerifierTests.LargeLedger>
{
    /// <summary>
    /// 144 blocks (8 to a commit of 500): past the few the scan reads before it starts its
    /// helper thread, and past the 128 blocks it reads with one LiteDB query (entry 8000 ends the
    /// 128th block).
    /// </summary>
    private const int EntryCount = 9000;

    private readonly TestNode _node = TestNode.County();

    /// <summary>Each test gets its own copy of the ledger built once for the class (the tests tamper with it).</summary>
    public LargeLedgerVerifierTests(LargeLedger ledger)
    {
        _node.Close();
        File.Copy(ledger.DatabasePath, _node.DatabasePath, overwrite: true);
        _node.Reopen();
    }

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Verify_IntactLargeLedger_IsIntactWithEveryEntryCounted()
    {
        var report = _node.Verify();

        Assert.True(report.Intact);
        Assert.Equal(EntryCount, report.Entries);
        var chain = Assert.Single(report.Chains);
        Assert.Equal(EntryCount, chain.Sequence);
        Assert.Equal(_node.Session.Ledger.HeadOf(TestNode.CountyCode)!.Hash, chain.Hash);
    }

    [Theory]
    [InlineData(2345)]
    [InlineData(8001)]
    [InlineData(EntryCount)]
    public void Verify_EntryAlteredDeepInTheLedger_NamesItAsOneThreadDoes(long local)
    {
        _node.Tamper(db => LedgerFile.EditBlockOf(db, local, (entries, at) => entries[at] = LedgerFile.WithBody(entries[at], body => body[^1] ^= 0x01)));

        var report = _node.Verify();

        var problem = report.Problem!;
        Assert.Equal(local, problem.LocalSequence);
        Assert.Equal(TestNode.CountyCode, problem.Origin);
        Assert.Equal(local, problem.OriginSequence);
        Assert.Contains("altered", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(local - 1, report.Entries);
        AssertSameAsOneThread(report);
    }

    [Theory]
    [InlineData(700, 2600)]
    [InlineData(1000, 1001)]
    [InlineData(1001, 1000)]
    [InlineData(2600, 700)]
    [InlineData(8001, 7999)]
    [InlineData(7999, 8001)]
    public void Verify_AlteredEntryAndBrokenLinkBoth_NamesTheEarlierInLocalOrder(long altered, long relinked)
    {
        _node.Tamper(db =>
        {
            LedgerFile.EditBlockOf(db, altered, (entries, at) => entries[at] = LedgerFile.WithBody(entries[at], body => body[^1] ^= 0x01));
            LedgerFile.EditBlockOf(db, relinked, (entries, at) => entries[at] = Relinked(entries[at]));
        });

        var report = _node.Verify();

        var problem = report.Problem!;
        Assert.Equal(Math.Min(altered, relinked), problem.LocalSequence);
        Assert.Equal(Math.Min(altered, relinked), problem.OriginSequence);
        Assert.Contains(altered < relinked ? "altered" : "previous hash does not match", problem.Reason, StringComparison.Ordinal);
        AssertSameAsOneThread(report);
    }

    [Fact]
    public void Verify_BlockDeletedDeepInTheLedger_NamesTheFirstMissingEntry()
    {
        var block = _node.Session.Store.Database.GetCollection(LedgerCollections.Entries).Find(LiteDB.Query.GTE("_id", 2000L), 0, 1).Single();
        var lastOfBlock = block["_id"].AsInt64;
        var firstOfBlock = lastOfBlock - block["n"].AsInt32 + 1;
        _node.Tamper(db => Assert.True(db.GetCollection("ledger").Delete(lastOfBlock)));

        var report = _node.Verify();

        var problem = report.Problem!;
        Assert.Equal(firstOfBlock, problem.OriginSequence);
        Assert.Contains($"应为第 {firstOfBlock} 条，实为第 {lastOfBlock + 1} 条", problem.Reason, StringComparison.Ordinal);
        AssertSameAsOneThread(report);
    }

    [Fact]
    public void Verify_Cancelled_StopsWithCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => LedgerVerifier.Verify(_node.Session.Store.Database, cancelled.Token));
    }

    /// <summary>The entry with another previous hash and a hash recomputed over it: the chain breaks here, the entry itself holds.</summary>
    private static Protocol.V1.LedgerEntry Relinked(Protocol.V1.LedgerEntry entry)
    {
        var previous = SHA256.HashData("another chain"u8);
        return new Protocol.V1.LedgerEntry
        {
            Body = entry.Body,
            PreviousHash = ByteString.CopyFrom(previous),
            Hash = ByteString.CopyFrom(SHA256.HashData([.. previous, .. entry.Body.ToByteArray()])),
        };
    }

    private void AssertSameAsOneThread(VerifyReport report)
    {
        var alone = LedgerVerifier.VerifyOnOneThread(_node.Session.Store.Database, CancellationToken.None);
        Assert.Equal(alone.Problem, report.Problem);
        Assert.Equal(alone.Entries, report.Entries);
        Assert.Equal(
            alone.Chains.Select(c => (c.Origin, c.Sequence, Convert.ToHexString(c.Hash), c.LocalSequence)),
            report.Chains.Select(c => (c.Origin, c.Sequence, Convert.ToHexString(c.Hash), c.LocalSequence)));
    }

    /// <summary>The ledger of <see cref="EntryCount"/> entries, appended once, its node closed.</summary>
    public sealed class LargeLedger : IDisposable
    {
        private readonly TestNode _node = TestNode.County();

        public LargeLedger()
        {
            foreach (var batch in Enumerable.Range(1, EntryCount).Chunk(500))
            {
                using var transaction = _node.Session.Ledger.Begin();
                foreach (var n in batch)
                {
                    var power = LedgerStoreTests.PowerNumber(n);
                    transaction.AppendLocal(new Record { Power = power }, power.DivisionCode);
                }

                transaction.Commit();
            }

            _node.Close();
        }

        public string DatabasePath => _node.DatabasePath;

        public void Dispose() => _node.Dispose();
    }
}
