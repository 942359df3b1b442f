using ExchangeNode.Adapters.BuiltIn.Text;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Text;

public sealed class CsvReaderTests
{
    private static List<CsvRecord> Read(string text) => CsvReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Read_PlainRows_SplitsOnCommasWithLineNumbers()
    {
        var records = Read("a,b,c\n1,2,3\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "2", "3"], records[1].Fields);
        Assert.Equal([1, 2], records.Select(r => r.LineNumber));
    }

    [Fact]
    public void Read_QuotedFieldWithCommaAndDoubledQuotes_KeepsThemAsText()
    {
        var record = Assert.Single(Read("\"丰县,市场监管\",\"他说\"\"不收费\"\"\",x"));

        Assert.Equal(["丰县,市场监管", "他说\"不收费\"", "x"], record.Fields);
    }

    [Fact]
    public void Read_EmbeddedLineBreaks_RecordsStartLinesCorrectly()
    {
        var text = "code,legal_basis\r\nA,\"第一条\r\n第二条\r\n第三条\"\r\nB,\"x\ny\"\r\nC,z\r\n";

        var records = Read(text);

        Assert.Equal([1, 2, 5, 7], records.Select(r => r.LineNumber));
        Assert.Equal("第一条\r\n第二条\r\n第三条", records[1].Fields[1]);
        Assert.Equal("x\ny", records[2].Fields[1]);
        Assert.Equal("C", records[3].Fields[0]);
    }

    [Fact]
    public void Read_EmptyLines_AreSkippedButCounted()
    {
        var records = Read("h1,h2\n\n\r\nv1,v2\n\n");

        var row = records[1];
        Assert.Equal(2, records.Count);
        Assert.Equal(4, row.LineNumber);
        Assert.Equal(["v1", "v2"], row.Fields);
    }

    [Fact]
    public void Read_LastLineWithoutLineBreak_IsARecord()
    {
        var records = Read("h\nlast");

        Assert.Equal("last", records[^1].Fields[0]);
    }

    [Fact]
    public void Read_EmptyFields_AreKept()
    {
        var record = Assert.Single(Read("a,,\"\","));

        Assert.Equal(["a", "", "", ""], record.Fields);
    }

    [Fact]
    public void Read_Record_KeepsItsOriginalText()
    {
        var records = Read("h\n\"a \"\"b\"\"\nc\",d\n");

        Assert.Equal("\"a \"\"b\"\"\nc\",d", records[1].Raw);
    }

    [Fact]
    public void Read_UnterminatedQuote_GivesAnErrorWithTheLineWhereItStarts()
    {
        var records = Read("h1,h2\nok,1\n\"broken,2\nmore\n");

        var broken = records[^1];
        Assert.Equal(3, records.Count);
        Assert.Equal(3, broken.LineNumber);
        Assert.NotNull(broken.Error);
        Assert.Contains("第3行", broken.Error, StringComparison.Ordinal);
        Assert.Null(records[1].Error);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n")]
    [InlineData("a,b\n\n\n\"x\r\ny\",\"q\"\"q\"\r\n,\n  ,\"\"\n")]
    [InlineData("\"\"\n\r\n\"\r\n\"\nlast")]
    [InlineData("a,\"never closed\nb")]
    public void Read_WithoutTheOriginalText_GivesTheSameRecords_WithEmptyText(string text)
    {
        var kept = Read(text);

        var without = CsvReader.Read(new StringReader(text), keepRaw: false).ToList();

        Assert.Equal(kept.Select(r => (r.LineNumber, string.Join("|", r.Fields), r.Error)), without.Select(r => (r.LineNumber, string.Join("|", r.Fields), r.Error)));
        Assert.All(without, r => Assert.Empty(r.Raw));
        Assert.NotEmpty(kept);
    }
}
