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
            var ledger = db.GetCollection("ledger");
            last = ledger.Count();
            switch (edit)
            {
                case "alter":
                    var doc = ledger.FindById(sequence);
                    var body = doc["b"].AsBinary;
                    body[^3] ^= 0x01;
                    doc["b"] = body;
                    ledger.Update(doc);
                    break;
                case "remove":
                    ledger.Delete(sequence);
                    break;
                case "reorder":
                    var a = ledger.FindById(sequence);
                    var b = ledger.FindById(sequence + 1);
                    foreach (var field in new[] { "o", "s", "j", "b", "p", "h" })
                    {
                        (a[field], b[field]) = (b[field], a[field]);
                    }

                    ledger.Update(a);
                    ledger.Update(b);
                    break;
                case "remove-last":
                    ledger.Delete(last);
                    break;
            }
        }

        var result = await node.RunAsync("ledger", "verify");

        Assert.True(result.ExitCode == 1, result.ToString());
        var expected = edit == "remove-last" ? last : sequence;
        Assert.Contains($"origin 320321 sequence {expected}", result.Error, StringComparison.Ordinal);
    }
}
