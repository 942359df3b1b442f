using ExchangeNode.Protocol.Identifiers;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Validation;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("110105194912310029", false)]
    public void ResidentIdNumber_KnownValues_AreJudgedByTheirCheckDigit(string value, bool valid = true)
    {
        Assert.Equal(valid, ResidentIdNumber.IsValid(value));
    }

    [Theory]
    [InlineData("", "为空")]
    [InlineData("1101051949123100", "18位")]
    [InlineData("1101051949123A002X", "不是数字")]
    [InlineData("110105194902300027", "出生日期")]
    [InlineData("110105194912310021", "校验位")]
    public void ResidentIdNumber_BadValues_SayWhy(string value, string reasonPart)
    {
        var reason = ResidentIdNumber.Check(value);

        Assert.NotNull(reason);
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreditCode_KnownGoodCode_PassesFormAndCheckDigit()
    {
        Assert.Null(CreditCode.CheckForm("91350100M000100Y43"));
        Assert.Null(CreditCode.CheckDigit("91350100M000100Y43"));
    }

    [Fact]
    public void CreditCode_WrongCheckCharacter_FailsOnlyTheCheckDigit()
    {
        Assert.Null(CreditCode.CheckForm("91350100M000100Y44"));
        Assert.Contains("应为 3", CreditCode.CheckDigit("91350100M000100Y44"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100Y4", "18位")]
    [InlineData("91350100M000100I43", "不是允许的字符")]
    [InlineData(" ", "为空")]
    public void CreditCode_MalformedCode_FailsTheForm(string value, string reasonPart)
    {
        Assert.Contains(reasonPart, CreditCode.CheckForm(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("320000")]
    [InlineData("320300")]
    [InlineData("320321")]
    public void DivisionCode_RealCodes_AreWellFormed(string code)
    {
        Assert.Null(DivisionCode.CheckForm(code));
    }

    [Theory]
    [InlineData("32032", "6位数字")]
    [InlineData("32O321", "6位数字")]
    [InlineData("990321", "不存在")]
    [InlineData("", "为空")]
    public void DivisionCode_BadCodes_SayWhy(string code, string reasonPart)
    {
        Assert.Contains(reasonPart, DivisionCode.CheckForm(code), StringComparison.Ordinal);
    }
}
