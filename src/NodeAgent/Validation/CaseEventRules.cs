using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>
/// Record rules for one case event (办件), stateless: each event on its own, not its place in
/// the order of its case. The problems come in the order of the rules below, one a field and rule.
/// </summary>
/// <remarks>
/// Plain code, not FluentValidation, for the one record that comes in volume (every case's every
/// step, from every adapter and import): FluentValidation's machinery costs about 0.2 µs a rule
/// that passes (a rule's context, its property read through a compiled expression, its
/// condition), 1.3 to 1.8 µs and about 700 bytes an event on the benchmark's events, against
/// 0.1 µs for the identifier checks themselves (docs/benchmarks.md, adapters, eleventh session).
/// A power item's rules stay FluentValidation rules (<see cref="PowerValidator"/>): a library
/// holds thousands of items, a county's ledger millions of events.
/// </remarks>
internal static class CaseEventRules
{
    /// <summary>The problems of <paramref name="e"/>, errors and warnings; empty when it passes.</summary>
    public static List<FieldProblem> Check(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problems = new List<FieldProblem>();
        var check = new Checks(problems);
        check.NotBlank(e.CaseSerial, "case_serial", "办件流水号为空 (case serial is empty)");
        check.NotBlank(e.EventId, "event_id", "事件标识为空 (event id is empty)");
        // Not check.Named: the reason names the value, so it is made only for an event that fails.
        if (!IsNamed(e.Kind))
        {
            check.Error("kind", $"办件事件类型未指定或无效：{e.Kind} (event kind is unspecified or unknown)");
        }

        check.Present(e.OccurredAt, "occurred_at", "事件发生时间为空 (occurred_at is missing)");

        // Details of other kinds on an event (an acceptance's on an opinion) are ignored rather than
        // rejected; a kind outside the enum has the rules every event has and no more.
        switch (e.Kind)
        {
            case CaseEventKind.Accepted:
                AcceptanceRules(e.Acceptance, check);
                break;
            case CaseEventKind.Opinion:
                OpinionRules(e, check);
                break;
            case CaseEventKind.Decision:
                DecisionRules(e.Decision, check);
                break;
            case CaseEventKind.Merged:
                MergedRules(e, check);
                break;
            case CaseEventKind.Returned or CaseEventKind.Suspended or CaseEventKind.CorrectionRequested:
                // Art. 32(5): corrections, returns and suspensions are watched; each needs its reason.
                if (string.IsNullOrWhiteSpace(e.Opinion))
                {
                    check.Error("opinion", $"{Describe(e.Kind)}需要说明理由 (a {e.Kind} event needs its reason)");
                }

                break;
        }

        return problems;
    }

    /// <summary>A value of the enum's own, other than its unspecified zero.</summary>
    private static bool IsNamed<T>(T value)
        where T : struct, Enum =>
        !EqualityComparer<T>.Default.Equals(value, default) && Enum.IsDefined(value);

    /// <summary>Art. 31(2): acceptance carries the basic information of the case (办件基本信息), and its counterpart (行政相对人, Art. 31(1)).</summary>
    private static void AcceptanceRules(Acceptance? acceptance, Checks check)
    {
        if (!check.Present(acceptance, "acceptance", "受理事件缺少受理信息 (an accepted event needs acceptance details)"))
        {
            return;
        }

        check.NotBlank(acceptance.PowerCode, "acceptance.power_code", "办件的行政权力编码为空 (power code is empty)");
        if (acceptance.PowerVersion < 1)
        {
            check.Error("acceptance.power_version", $"行政权力版本号应从1开始，实为{acceptance.PowerVersion} (power version starts at 1)");
        }

        check.NotBlank(acceptance.Title, "acceptance.title", "办件事由或名称为空 (title is empty)");
        check.Reason(DivisionCode.CheckForm(acceptance.DivisionCode), "acceptance.division_code");
        var counterpart = acceptance.Counterpart;
        if (!check.Present(counterpart, "acceptance.counterpart", "缺少行政相对人信息 (counterpart is missing)"))
        {
            return;
        }

        check.Named(counterpart.Kind, "acceptance.counterpart.kind", "行政相对人类型未指定，应为个人或单位 (kind must be person or organisation)");

        switch (counterpart.Kind)
        {
            case CounterpartKind.Person:
                PersonRules(counterpart, check);
                break;
            case CounterpartKind.Organisation:
                OrganisationRules(counterpart, check);
                break;
        }
    }

    /// <summary>A person, by name and identity document: a resident ID number must pass its GB 11643 check digit.</summary>
    private static void PersonRules(Counterpart person, Checks check)
    {
        check.NotBlank(person.Name, "acceptance.counterpart.name", "行政相对人姓名为空 (person's name is empty)");
        check.Named(person.IdType, "acceptance.counterpart.id_type", "证件类型未指定 (identity document type is unspecified)");
        check.NotBlank(person.IdNumber, "acceptance.counterpart.id_number", "证件号码为空 (identity document number is empty)");
        if (person.IdType == IdType.ResidentId && !string.IsNullOrEmpty(person.IdNumber))
        {
            check.Reason(ResidentIdNumber.Check(person.IdNumber), "acceptance.counterpart.id_number");
        }
    }

    /// <summary>An organisation, by name and unified social credit code (GB 32100).</summary>
    private static void OrganisationRules(Counterpart organisation, Checks check)
    {
        check.NotBlank(organisation.Name, "acceptance.counterpart.name", "行政相对人单位名称为空 (organisation name is empty)");
        if (CreditCode.CheckForm(organisation.CreditCode) is { } malformed)
        {
            check.Error("acceptance.counterpart.credit_code", malformed);
        }
        else if (CreditCode.CheckDigit(organisation.CreditCode) is { } wrongCheck)
        {
            // A few codes in use fail their check character: kept with the case as a warning.
            check.Warning("acceptance.counterpart.credit_code", wrongCheck);
        }
    }

    /// <summary>Art. 31(4): 持否定意见的应附有说明理由.</summary>
    private static void OpinionRules(CaseEvent e, Checks check)
    {
        check.Named(e.Stance, "stance", "意见的态度未指定，应为同意或不同意 (stance must be positive or negative)");

        if (e.Stance == Stance.Negative && string.IsNullOrWhiteSpace(e.Opinion))
        {
            check.Error("opinion", "持否定意见的应附有说明理由 (a negative opinion needs its reason, Art. 31(4))");
        }
    }

    private static void DecisionRules(DecisionDetail? decision, Checks check)
    {
        if (!check.Present(decision, "decision", "决定事件缺少决定信息 (a decision event needs decision details)"))
        {
            return;
        }

        check.Named(decision.Outcome, "decision.outcome", "决定结果未指定 (outcome is unspecified)");

        // Not a number is no amount: refused as a negative one is.
        if (double.IsNaN(decision.PenaltyAmount) || decision.PenaltyAmount < 0)
        {
            check.Error("decision.penalty_amount", $"罚款金额不能为负数，实为{decision.PenaltyAmount} (penalty amount is negative)");
        }
    }

    private static void MergedRules(CaseEvent e, Checks check)
    {
        check.NotBlank(e.MergedInto, "merged_into", "并案事件未指明并入的办件流水号 (merged_into is empty)");
        if (!string.IsNullOrEmpty(e.MergedInto) && string.Equals(e.MergedInto, e.CaseSerial, StringComparison.Ordinal))
        {
            check.Error("merged_into", "办件不能并入自身 (a case cannot be merged into itself)");
        }
    }

    private static string Describe(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Returned => "退回",
        CaseEventKind.Suspended => "暂停",
        _ => "补正要求",
    };

    /// <summary>Adds the problems found to one event's list.</summary>
    private readonly struct Checks(List<FieldProblem> problems)
    {
        public void Error(string field, string reason) => problems.Add(new FieldProblem(field, reason, IsWarning: false));

        public void Warning(string field, string reason) => problems.Add(new FieldProblem(field, reason, IsWarning: true));

        /// <summary>An error when <paramref name="text"/> is empty or only whitespace.</summary>
        public void NotBlank(string? text, string field, string reason)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(field, reason);
            }
        }

        /// <summary>An error when <paramref name="value"/> is not one of its enum's named values (its unspecified zero included).</summary>
        public void Named<T>(T value, string field, string reason)
            where T : struct, Enum
        {
            if (!IsNamed(value))
            {
                Error(field, reason);
            }
        }

        /// <summary>An error when <paramref name="value"/> is missing; true when it is there.</summary>
        public bool Present([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] object? value, string field, string reason)
        {
            if (value is null)
            {
                Error(field, reason);
            }

            return value is not null;
        }

        /// <summary>An error with the reason an identifier check gave, if it gave one.</summary>
        public void Reason(string? reason, string field)
        {
            if (reason is not null)
            {
                Error(field, reason);
            }
        }
    }
}
