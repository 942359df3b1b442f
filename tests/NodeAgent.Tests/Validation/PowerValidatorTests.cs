using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Validation;

public sealed class PowerValidatorTests
{
    private static readonly PowerValidator Validator = new();

    private static readonly Dictionary<string, Action<Power>> Breaks = new()
    {
        ["empty code"] = p => p.Code = "",
        ["empty name"] = p => p.Name = "",
        ["unspecified category"] = p => p.Category = PowerCategory.Unspecified,
        ["undefined category"] = p => p.Category = (PowerCategory)99,
        ["no implementer"] = p => p.Implementer = null,
        ["empty implementer name"] = p => p.Implementer.Name = "",
        ["short division"] = p => p.DivisionCode = "32032",
        ["unknown province"] = p => p.DivisionCode = "990321",
        ["unspecified status"] = p => p.Status = PowerStatus.Unspecified,
        ["version 0"] = p => p.Version = 0,
        ["no approval"] = p => p.Approval = null,
        ["empty approver"] = p => p.Approval.ApprovedBy = "",
        ["slash approval date"] = p => p.Approval.ApprovedOn = "2024/03/15",
        ["impossible approval date"] = p => p.Approval.ApprovedOn = "2023-02-29",
        ["empty approval date"] = p => p.Approval.ApprovedOn = "",
        ["negative statutory"] = p => p.StatutoryLimitDays = -1,
        ["negative promised"] = p => p.PromisedLimitDays = -1,
        ["promised over statutory"] = p => (p.StatutoryLimitDays, p.PromisedLimitDays) = (10, 11),
        ["empty circumstance"] = p => p.DiscretionBenchmarks[0].Circumstance = "",
        ["negative min"] = p => p.DiscretionBenchmarks[0].Min = -1,
        ["max below min"] = p => (p.DiscretionBenchmarks[0].Min, p.DiscretionBenchmarks[0].Max) = (500, 100),
        ["empty post"] = p => p.InternalFlow[0].Post = "",
        ["negative post limit"] = p => p.InternalFlow[0].LimitDays = -2,
        ["bad effective date"] = p => p.EffectiveFrom = "2024-13-01",
    };

    private static readonly Dictionary<string, Action<Power>> Edges = new()
    {
        ["promised equals statutory"] = p => (p.StatutoryLimitDays, p.PromisedLimitDays) = (10, 10),
        ["promised without statutory"] = p => (p.StatutoryLimitDays, p.PromisedLimitDays) = (0, 30),
        ["no limits"] = p => (p.StatutoryLimitDays, p.PromisedLimitDays) = (0, 0),
        ["min equals max"] = p => (p.DiscretionBenchmarks[0].Min, p.DiscretionBenchmarks[0].Max) = (200, 200),
        ["zero post limit"] = p => p.InternalFlow[0].LimitDays = 0,
        ["empty effective date"] = p => p.EffectiveFrom = "",
        ["leap day approval"] = p => p.Approval.ApprovedOn = "2024-02-29",
        ["no benchmarks or flow"] = p => { p.DiscretionBenchmarks.Clear(); p.InternalFlow.Clear(); },
        ["empty approval reference"] = p => p.Approval.Reference = "",
    };

    [Fact]
    public void Validate_CompletePower_HasNoProblems()
    {
        var problems = ValidationFailures.Validate(Validator, ValidRecords.Power());

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("empty code", "code")]
    [InlineData("empty name", "name")]
    [InlineData("unspecified category", "category")]
    [InlineData("undefined category", "category")]
    [InlineData("no implementer", "implementer.name")]
    [InlineData("empty implementer name", "implementer.name")]
    [InlineData("short division", "division_code")]
    [InlineData("unknown province", "division_code")]
    [InlineData("unspecified status", "status")]
    [InlineData("version 0", "version")]
    [InlineData("no approval", "approval")]
    [InlineData("empty approver", "approval.approved_by")]
    [InlineData("slash approval date", "approval.approved_on")]
    [InlineData("impossible approval date", "approval.approved_on")]
    [InlineData("empty approval date", "approval.approved_on")]
    [InlineData("negative statutory", "statutory_limit_days")]
    [InlineData("negative promised", "promised_limit_days")]
    [InlineData("promised over statutory", "promised_limit_days")]
    [InlineData("empty circumstance", "discretion_benchmarks[0].circumstance")]
    [InlineData("negative min", "discretion_benchmarks[0].min")]
    [InlineData("max below min", "discretion_benchmarks[0].max")]
    [InlineData("empty post", "internal_flow[0].post")]
    [InlineData("negative post limit", "internal_flow[0].limit_days")]
    [InlineData("bad effective date", "effective_from")]
    public void Validate_PowerBrokenInOnePlace_RejectsExactlyThatField(string breakage, string field)
    {
        var power = ValidRecords.Power();
        Breaks[breakage](power);

        var problems = ValidationFailures.Validate(Validator, power);

        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.False(problem.IsWarning);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}.*\(.+\)$", problem.Reason);
    }

    [Theory]
    [InlineData("promised equals statutory")]
    [InlineData("promised without statutory")]
    [InlineData("no limits")]
    [InlineData("min equals max")]
    [InlineData("zero post limit")]
    [InlineData("empty effective date")]
    [InlineData("leap day approval")]
    [InlineData("no benchmarks or flow")]
    [InlineData("empty approval reference")]
    public void Validate_PowerAtTheEdgeOfARule_Passes(string edge)
    {
        var power = ValidRecords.Power();
        Edges[edge](power);

        Assert.Empty(ValidationFailures.Validate(Validator, power));
    }

    [Fact]
    public void Validate_NoApproval_CitesArticle24()
    {
        var power = ValidRecords.Power();
        power.Approval = null;

        var problem = Assert.Single(ValidationFailures.Validate(Validator, power));

        Assert.Contains("未经审核确认", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("Art. 24", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondBenchmarkBroken_NamesItsIndex()
    {
        var power = ValidRecords.Power();
        power.DiscretionBenchmarks.Add(new DiscretionBenchmark { Circumstance = "再次违法", Min = 9000, Max = 1000, Unit = "元" });

        var problem = Assert.Single(ValidationFailures.Validate(Validator, power));

        Assert.Equal("discretion_benchmarks[1].max", problem.Field);
    }
}
