using System.Text.Json;
using ExchangeNode.Adapters;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Adapters;

public sealed class RowDictionaryTests
{
    private static readonly Columns Table = new(["办件流水号", "环节", "备注"]);

    [Fact]
    public void Row_ReadsAsTheDictionaryOfItsCells()
    {
        var row = new RowDictionary(Table, ["S-1", "受理", ""]);

        Assert.Equal(3, row.Count);
        Assert.Equal("受理", row["环节"]);
        Assert.True(row.TryGetValue("备注", out var empty));
        Assert.Equal(string.Empty, empty);
        Assert.False(row.ContainsKey("办件"));
        Assert.Throws<KeyNotFoundException>(() => row["办件"]);
        Assert.Equal(["办件流水号", "环节", "备注"], row.Keys);
        Assert.Equal(
            new Dictionary<string, string> { ["办件流水号"] = "S-1", ["环节"] = "受理", ["备注"] = "" },
            row.ToDictionary(f => f.Key, f => f.Value));
    }

    [Fact]
    public void ShortRow_HasNoFieldForTheMissingCells()
    {
        var row = new RowDictionary(Table, ["S-1"]);

        Assert.Equal("S-1", Assert.Single(row).Value);
        Assert.False(row.ContainsKey("环节"));
        Assert.Equal(["办件流水号"], row.Keys);
    }

    [Fact]
    public void Row_AsJson_IsTheObjectOfItsFields_AsTheQuarantineKeepsIt()
    {
        IReadOnlyDictionary<string, string> row = new RowDictionary(Table, ["S-1", "受理"]);

        var json = JsonSerializer.Serialize(row);

        Assert.Equal(
            new Dictionary<string, string> { ["办件流水号"] = "S-1", ["环节"] = "受理" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(json));
    }

    [Fact]
    public void Columns_TwoOfTheSameName_AreRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new Columns(["办件流水号", "环节", "环节"]));

        Assert.Contains("环节", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_MoreValuesThanColumns_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new RowDictionary(Table, ["1", "2", "3", "4"]));
    }
}
