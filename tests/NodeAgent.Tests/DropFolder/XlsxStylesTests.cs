using ExchangeNode.Adapters.BuiltIn.DropFolder;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.DropFolder;

/// <summary>Which number formats make a cell's number a date or a time span: the one thing a style changes in the text read.</summary>
/// <remarks>Kinds are named as text: a public test method cannot take the internal enum.</remarks>
public sealed class XlsxStylesTests
{
    [Theory]
    [InlineData("yyyy-mm-dd", "DateTime")]
    [InlineData("yyyy\"年\"m\"月\"d\"日\";@", "DateTime")]
    [InlineData("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "DateTime")]
    [InlineData("[$-804]yyyy/m/d h:mm", "DateTime")]
    [InlineData("mmm-yy", "DateTime")]
    [InlineData("hh:mm", "DateTime")]
    [InlineData("h:mm:ss AM/PM", "DateTime")]
    [InlineData("[h]:mm", "TimeSpan")]
    [InlineData("[mm]:ss", "TimeSpan")]
    [InlineData("General", "Number")]
    [InlineData("0.00", "Number")]
    [InlineData("0%", "Number")]
    [InlineData("[Red]0.00", "Number")]
    [InlineData("[Red][<=100]0;[Blue]0", "Number")]
    [InlineData("#,##0.00_);[Red](#,##0.00)", "Number")]
    [InlineData("\"days\" 0", "Number")]
    [InlineData("\\m0", "Number")]
    [InlineData("@", "Number")]
    public void OfCode_DateAndTimeTokensOutsideQuotesAndBrackets_MakeADate(string code, string kind)
    {
        Assert.Equal(kind, XlsxStyles.OfCode(code).ToString());
    }

    [Theory]
    [InlineData(0, "Number")]
    [InlineData(2, "Number")]
    [InlineData(14, "DateTime")]
    [InlineData(17, "DateTime")]
    [InlineData(22, "DateTime")]
    [InlineData(20, "TimeSpan")]
    [InlineData(46, "TimeSpan")]
    [InlineData(31, "DateTime")]
    [InlineData(49, "Number")]
    public void OfBuiltIn_DateAndTimeIds_MakeADateOrATimeSpan(int id, string kind)
    {
        Assert.Equal(kind, XlsxStyles.OfBuiltIn(id).ToString());
    }
}
