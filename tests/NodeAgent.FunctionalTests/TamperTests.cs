using ExchangeNode.Tests.Support;
using LiteDB;
using Xunit;

namespace ExchangeNode.NodeAgent.FunctionalTests;

/// <summary>An auditor's check: edits made behind the node's back, with LiteDB's own API, are found.</summary>
public sealed class TamperTests
{
    [Theory]
    [InlineData("alter", 5)]
    [InlineData("remove", 5)]
    [InlineData("reorder", 5)]
    [InlineData("remove-last", 0)]
    public async Task Verify_AfterLedgerEditedBehindTheNode_NamesFirstBadEntryAndExitsOne(string edit, int sequence)
    {
        using var node = await TestNode.CreateAsync();
        await node.RunAsync("power", "import", RepositoryFiles.Sample("fengxian-powers.csv"));
        var intact = await node.RunAsync("ledger", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        long last;

        using (var db = new LiteDatabase(Path.Combine(node.Data, "node.db")))
        {
            last = LedgerFile.Entries(db).Count;
            switch (edit)
            {
                case "alter":
                    LedgerFile.EditBlockOf(db, sequence, (entries, at) => entries[at] = LedgerFile.WithBody(entries[at], body => body[^3] ^= 0x01));
                    break;
                case "remove":
                    LedgerFile.EditBlockOf(db, sequence, (entries, at) => entries.RemoveAt(at));
                    break;
                case "reorder":
                    LedgerFile.EditBlockOf(db, sequence, (entries, at) => (entries[at], entries[at + 1]) = (entries[at + 1], entries[at]));
                    break;
                case "remove-last":
                    LedgerFile.EditBlockOf(db, last, (entries, at) => entries.RemoveAt(at));
                    break;
            }
        }

        var result = await node.RunAsync("ledger", "verify");

        Assert.True(result.ExitCode == 1, result.ToString());
        var expected = edit == "remove-last" ? last : sequence;
        Assert.Contains($"origin 320321 sequence {expected}", result.Error, StringComparison.Ordinal);
    }
}
