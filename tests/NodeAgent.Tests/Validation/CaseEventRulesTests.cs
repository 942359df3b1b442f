using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Validation;

public sealed class CaseEventRulesTests
{
    private static List<FieldProblem> Check(CaseEvent e) => CaseEventRules.Check(e);

    private static FieldProblem SingleError(CaseEvent e, string field)
    {
        var problem = Assert.Single(Check(e));
        Assert.Equal(field, problem.Field);
        Assert.False(problem.IsWarning);
        return problem;
    }

    [Fact]
    public void Validate_AcceptedWithPerson_HasNoProblems()
    {
        Assert.Empty(Check(ValidRecords.Accepted()));
    }

    [Fact]
    public void Validate_AcceptedWithOrganisation_HasNoProblems()
    {
        Assert.Empty(Check(ValidRecords.Accepted(ValidRecords.Organisation())));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t")]
    public void Validate_SerialEmptyOrOnlyWhitespace_IsRejected(string serial)
    {
        var e = ValidRecords.Accepted();
        e.CaseSerial = serial;
        SingleError(e, "case_serial");
    }

    [Fact]
    public void Validate_EmptyEventId_IsRejected()
    {
        var e = ValidRecords.Accepted();
        e.EventId = "";
        SingleError(e, "event_id");
    }

    [Fact]
    public void Validate_UnspecifiedKind_IsRejected()
    {
        var e = ValidRecords.Event(CaseEventKind.Unspecified);
        SingleError(e, "kind");
    }

    [Fact]
    public void Validate_NoEventAtAll_IsRefusedNamingTheArgument()
    {
        var refused = Assert.Throws<ArgumentNullException>(() => Check(null!));

        Assert.Equal("e", refused.ParamName);
    }

    [Fact]
    public void Validate_KindOutsideTheEnum_IsRejectedByTheKindRuleAlone()
    {
        var e = ValidRecords.Event(CaseEventKind.Concluded);
        e.Kind = (CaseEventKind)99;
        e.Opinion = "";
        e.Decision = null;
        SingleError(e, "kind");
    }

    [Fact]
    public void Validate_NoOccurredAt_IsRejected()
    {
        var e = ValidRecords.Event(CaseEventKind.Concluded);
        e.OccurredAt = null;
        SingleError(e, "occurred_at");
    }

    [Fact]
    public void Validate_AcceptedWithoutAcceptance_IsRejected()
    {
        var e = ValidRecords.Accepted();
        e.Acceptance = null;
        SingleError(e, "acceptance");
    }

    [Fact]
    public void Validate_AcceptanceOnAnotherKind_IsIgnored()
    {
        var e = ValidRecords.Event(CaseEventKind.Concluded);
        e.Acceptance = new Acceptance();

        Assert.Empty(Check(e));
    }

    [Theory]
    [InlineData("power_code")]
    [InlineData("power_version")]
    [InlineData("title")]
    [InlineData("division_code")]
    [InlineData("counterpart")]
    public void Validate_AcceptanceMissingAField_NamesTheNestedField(string field)
    {
        var e = ValidRecords.Accepted();
        switch (field)
        {
            case "power_code": e.Acceptance.PowerCode = ""; break;
            case "power_version": e.Acceptance.PowerVersion = 0; break;
            case "title": e.Acceptance.Title = ""; break;
            case "division_code": e.Acceptance.DivisionCode = "3203"; break;
            default: e.Acceptance.Counterpart = null; break;
        }

        SingleError(e, "acceptance." + field);
    }

    [Fact]
    public void Validate_CounterpartWithoutKind_IsRejected()
    {
        var e = ValidRecords.Accepted(new Counterpart { Name = "王五" });
        SingleError(e, "acceptance.counterpart.kind");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("id_type")]
    [InlineData("id_number")]
    public void Validate_PersonMissingAField_IsRejected(string field)
    {
        var person = ValidRecords.Person();
        switch (field)
        {
            case "name": person.Name = ""; break;
            case "id_type": person.IdType = IdType.Unspecified; break;
            default: person.IdNumber = ""; break;
        }

        SingleError(ValidRecords.Accepted(person), "acceptance.counterpart." + field);
    }

    [Fact]
    public void Validate_ResidentIdWithWrongCheckDigit_IsAnErrorWithTheIdentifierReason()
    {
        var person = ValidRecords.Person();
        person.IdNumber = "110105194912310021";

        var problem = SingleError(ValidRecords.Accepted(person), "acceptance.counterpart.id_number");

        Assert.Equal(Protocol.Identifiers.ResidentIdNumber.Check("110105194912310021"), problem.Reason);
    }

    [Fact]
    public void Validate_PassportNumber_IsNotCheckedAsAResidentId()
    {
        var person = ValidRecords.Person();
        person.IdType = IdType.Passport;
        person.IdNumber = "E12345678";

        Assert.Empty(Check(ValidRecords.Accepted(person)));
    }

    [Fact]
    public void Validate_OrganisationWithoutName_IsRejected()
    {
        var org = ValidRecords.Organisation();
        org.Name = "";
        SingleError(ValidRecords.Accepted(org), "acceptance.counterpart.name");
    }

    [Fact]
    public void Validate_MalformedCreditCode_IsAnError()
    {
        var org = ValidRecords.Organisation();
        org.CreditCode = "91350100M000100";
        SingleError(ValidRecords.Accepted(org), "acceptance.counterpart.credit_code");
    }

    [Fact]
    public void Validate_CreditCodeWithWrongCheckCharacter_IsOnlyAWarning()
    {
        var org = ValidRecords.Organisation();
        org.CreditCode = "91350100M000100Y44";

        var problem = Assert.Single(Check(ValidRecords.Accepted(org)));

        Assert.Equal("acceptance.counterpart.credit_code", problem.Field);
        Assert.True(problem.IsWarning);
        Assert.False(ValidationFailures.HasErrors([problem]));
    }

    [Fact]
    public void Validate_OpinionWithoutStance_IsRejected()
    {
        SingleError(ValidRecords.Event(CaseEventKind.Opinion), "stance");
    }

    [Fact]
    public void Validate_NegativeOpinionWithoutReason_IsRejected()
    {
        var e = ValidRecords.Event(CaseEventKind.Opinion);
        e.Stance = Stance.Negative;
        e.Opinion = "  ";

        var problem = SingleError(e, "opinion");

        Assert.Contains("Art. 31(4)", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OpinionsWithStance_PassWhenNegativeOnesGiveAReason()
    {
        var positive = ValidRecords.Event(CaseEventKind.Opinion);
        positive.Stance = Stance.Positive;
        positive.Opinion = "";
        var negative = ValidRecords.Event(CaseEventKind.Opinion);
        negative.Stance = Stance.Negative;
        negative.Opinion = "申请材料与实际不符";

        Assert.Empty(Check(positive));
        Assert.Empty(Check(negative));
    }

    [Fact]
    public void Validate_DecisionWithoutDetail_IsRejected()
    {
        SingleError(ValidRecords.Event(CaseEventKind.Decision), "decision");
    }

    [Fact]
    public void Validate_DecisionWithoutOutcome_IsRejected()
    {
        var e = ValidRecords.Event(CaseEventKind.Decision);
        e.Decision = new DecisionDetail { DocumentNumber = "丰市监罚〔2024〕1号" };
        SingleError(e, "decision.outcome");
    }

    [Theory]
    [InlineData(-100d)]
    [InlineData(double.NaN)]
    public void Validate_PenaltyNegativeOrNotANumber_IsRejected(double amount)
    {
        var e = ValidRecords.Event(CaseEventKind.Decision);
        e.Decision = new DecisionDetail { Outcome = Outcome.Penalised, PenaltyAmount = amount };
        SingleError(e, "decision.penalty_amount");
    }

    [Fact]
    public void Validate_SeveralProblems_AreAllReportedInTheOrderOfTheRules()
    {
        var person = ValidRecords.Person();
        person.IdType = IdType.Unspecified;
        var e = ValidRecords.Accepted(person);
        e.Acceptance.Title = "";
        e.OccurredAt = null;
        e.CaseSerial = "";

        Assert.Equal(["case_serial", "occurred_at", "acceptance.title", "acceptance.counterpart.id_type"], Check(e).Select(p => p.Field));
    }

    [Fact]
    public void Validate_PenaltyDecision_Passes()
    {
        var e = ValidRecords.Event(CaseEventKind.Decision);
        e.Decision = new DecisionDetail { Outcome = Outcome.Penalised, PenaltyAmount = 2000 };
        Assert.Empty(Check(e));
    }

    [Fact]
    public void Validate_MergedWithoutTarget_IsRejected()
    {
        SingleError(ValidRecords.Event(CaseEventKind.Merged), "merged_into");
    }

    [Fact]
    public void Validate_MergedIntoItself_IsRejected()
    {
        var e = ValidRecords.Event(CaseEventKind.Merged);
        e.MergedInto = e.CaseSerial;
        SingleError(e, "merged_into");
    }

    [Fact]
    public void Validate_MergedIntoAnotherCase_Passes()
    {
        var e = ValidRecords.Event(CaseEventKind.Merged);
        e.MergedInto = "320321-2024-000002";
        Assert.Empty(Check(e));
    }

    [Theory]
    [InlineData(CaseEventKind.Returned)]
    [InlineData(CaseEventKind.Suspended)]
    [InlineData(CaseEventKind.CorrectionRequested)]
    public void Validate_EventThatNeedsAReason_IsRejectedWithoutOne(CaseEventKind kind)
    {
        var e = ValidRecords.Event(kind);
        Assert.Empty(Check(e));

        e.Opinion = "";
        SingleError(e, "opinion");
    }

    [Theory]
    [InlineData(CaseEventKind.Returned, "退回需要说明理由 (a Returned event needs its reason)")]
    [InlineData(CaseEventKind.Suspended, "暂停需要说明理由 (a Suspended event needs its reason)")]
    [InlineData(CaseEventKind.CorrectionRequested, "补正要求需要说明理由 (a CorrectionRequested event needs its reason)")]
    public void Validate_EventWithoutItsReason_SaysWhichKindNeedsOne(CaseEventKind kind, string reason)
    {
        var e = ValidRecords.Event(kind);
        e.Opinion = " ";

        Assert.Equal(reason, SingleError(e, "opinion").Reason);
    }

    [Fact]
    public void Validate_ValuesInTheReason_AreTheEventsOwn()
    {
        var outside = ValidRecords.Event(CaseEventKind.Concluded);
        outside.Kind = (CaseEventKind)99;
        var version = ValidRecords.Accepted();
        version.Acceptance.PowerVersion = 0;
        var penalty = ValidRecords.Event(CaseEventKind.Decision);
        penalty.Decision = new DecisionDetail { Outcome = Outcome.Penalised, PenaltyAmount = -100 };

        Assert.Equal("办件事件类型未指定或无效：99 (event kind is unspecified or unknown)", SingleError(outside, "kind").Reason);
        Assert.Equal("行政权力版本号应从1开始，实为0 (power version starts at 1)", SingleError(version, "acceptance.power_version").Reason);
        Assert.Equal("罚款金额不能为负数，实为-100 (penalty amount is negative)", SingleError(penalty, "decision.penalty_amount").Reason);
    }

    [Fact]
    public void Validate_BracesInTheSourcesText_StayAsTheyAreInTheReason()
    {
        // FluentValidation, which checked events before CaseEventRules, read "{...}" in a reason as
        // its own placeholder: a division code "{PropertyPath}" came out as the field's name.
        var e = ValidRecords.Accepted();
        e.Acceptance.DivisionCode = "{PropertyPath}";

        Assert.Equal("行政区划代码 '{PropertyPath}' 应为6位数字 (GB/T 2260 codes are 6 digits)", SingleError(e, "acceptance.division_code").Reason);
    }

    [Fact]
    public void Validate_ResumedWithoutReason_Passes()
    {
        var e = ValidRecords.Event(CaseEventKind.Resumed);
        e.Opinion = "";
        Assert.Empty(Check(e));
    }
}
