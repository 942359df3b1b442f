using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using FluentValidation;
using FluentValidation.Results;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>
/// Record rules for one case event (办件), stateless: each event on its own, not its place in
/// the order of its case.
/// </summary>
/// <remarks>
/// The rules are grouped by the event's shape: its kind, and for an acceptance whether its details
/// and its counterpart are there and what the counterpart is. Each shape has one flat validator
/// holding every rule that applies to it (<see cref="ShapeRules"/>), made once; this validator
/// runs the one of the event's shape. FluentValidation makes a context for each validator it runs
/// (about 600 bytes) and another for every <c>Include</c> or child validator (about 490 and 660
/// bytes): an acceptance checked through its child validators cost 4.6 to 7 µs and 4.5 KB, every
/// other event at least 1.2 KB. One validator per event runs each rule once, in one context.
/// </remarks>
internal sealed class CaseEventValidator : AbstractValidator<CaseEvent>
{
    // Shapes other than acceptances, by kind; a kind outside the enum gets Unspecified's: the rules every event has.
    private static readonly Dictionary<CaseEventKind, ShapeRules> ByKind = Enum.GetValues<CaseEventKind>()
        .Where(k => k != CaseEventKind.Accepted)
        .ToDictionary(k => k, k => new ShapeRules(k, Acceptance.None));

    // Acceptances, by what their details hold.
    private static readonly Dictionary<Acceptance, ShapeRules> ByAcceptance = Enum.GetValues<Acceptance>()
        .ToDictionary(a => a, a => new ShapeRules(CaseEventKind.Accepted, a));

    /// <summary>What an acceptance's details hold, as far as the rules that apply depend on it.</summary>
    private enum Acceptance
    {
        None,
        NoCounterpart,
        Person,
        Organisation,
        CounterpartOfNoKind,
    }

    /// <summary>The rules of the event's shape, in the event's one validation context.</summary>
    public override ValidationResult Validate(ValidationContext<CaseEvent> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // No event at all: refused as FluentValidation refuses it.
        return context.InstanceToValidate is null ? base.Validate(context) : RulesOf(context.InstanceToValidate).Validate(context);
    }

    /// <summary>The same, for a caller that validates asynchronously (the rules are all synchronous).</summary>
    public override Task<ValidationResult> ValidateAsync(ValidationContext<CaseEvent> context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceToValidate is null ? base.ValidateAsync(context, cancellation) : RulesOf(context.InstanceToValidate).ValidateAsync(context, cancellation);
    }

    private static ShapeRules RulesOf(CaseEvent e)
    {
        if (e.Kind != CaseEventKind.Accepted)
        {
            return ByKind.GetValueOrDefault(e.Kind) ?? ByKind[CaseEventKind.Unspecified];
        }

        return ByAcceptance[e.Acceptance switch
        {
            null => Acceptance.None,
            { Counterpart: null } => Acceptance.NoCounterpart,
            { Counterpart.Kind: CounterpartKind.Person } => Acceptance.Person,
            { Counterpart.Kind: CounterpartKind.Organisation } => Acceptance.Organisation,
            _ => Acceptance.CounterpartOfNoKind,
        }];
    }

    /// <summary>Every rule that applies to events of one shape.</summary>
    private sealed class ShapeRules : AbstractValidator<CaseEvent>
    {
        public ShapeRules(CaseEventKind kind, Acceptance acceptance)
        {
            RuleFor(e => e.CaseSerial).NotEmpty()
                .OverridePropertyName("case_serial")
                .WithMessage("办件流水号为空 (case serial is empty)");
            RuleFor(e => e.EventId).NotEmpty()
                .OverridePropertyName("event_id")
                .WithMessage("事件标识为空 (event id is empty)");
            RuleFor(e => e.Kind).Must(k => k != CaseEventKind.Unspecified && Enum.IsDefined(k))
                .OverridePropertyName("kind")
                .WithMessage(e => $"办件事件类型未指定或无效：{e.Kind} (event kind is unspecified or unknown)");
            RuleFor(e => e.OccurredAt).NotNull()
                .OverridePropertyName("occurred_at")
                .WithMessage("事件发生时间为空 (occurred_at is missing)");

            // Details of other kinds on an event (an acceptance's on an opinion) are ignored rather than rejected.
            switch (kind)
            {
                case CaseEventKind.Accepted:
                    AcceptedRules(acceptance);
                    break;
                case CaseEventKind.Opinion:
                    OpinionRules();
                    break;
                case CaseEventKind.Decision:
                    DecisionRules();
                    break;
                case CaseEventKind.Merged:
                    MergedRules();
                    break;
                case CaseEventKind.Returned or CaseEventKind.Suspended or CaseEventKind.CorrectionRequested:
                    ReasonRules();
                    break;
            }
        }

        /// <summary>Art. 31(2): acceptance carries the basic information of the case (办件基本信息), and its counterpart (行政相对人, Art. 31(1)).</summary>
        private void AcceptedRules(Acceptance acceptance)
        {
            RuleFor(e => e.Acceptance).NotNull()
                .OverridePropertyName("acceptance")
                .WithMessage("受理事件缺少受理信息 (an accepted event needs acceptance details)");
            if (acceptance == Acceptance.None)
            {
                return;
            }

            RuleFor(e => e.Acceptance.PowerCode).NotEmpty()
                .OverridePropertyName("acceptance.power_code")
                .WithMessage("办件的行政权力编码为空 (power code is empty)");
            RuleFor(e => e.Acceptance.PowerVersion).GreaterThanOrEqualTo(1)
                .OverridePropertyName("acceptance.power_version")
                .WithMessage(e => $"行政权力版本号应从1开始，实为{e.Acceptance.PowerVersion} (power version starts at 1)");
            RuleFor(e => e.Acceptance.Title).NotEmpty()
                .OverridePropertyName("acceptance.title")
                .WithMessage("办件事由或名称为空 (title is empty)");
            RuleFor(e => e.Acceptance.DivisionCode).Must(d => DivisionCode.CheckForm(d) is null)
                .OverridePropertyName("acceptance.division_code")
                .WithMessage(e => DivisionCode.CheckForm(e.Acceptance.DivisionCode)!);
            RuleFor(e => e.Acceptance.Counterpart).NotNull()
                .OverridePropertyName("acceptance.counterpart")
                .WithMessage("缺少行政相对人信息 (counterpart is missing)");
            if (acceptance == Acceptance.NoCounterpart)
            {
                return;
            }

            RuleFor(e => e.Acceptance.Counterpart.Kind).Must(k => k != CounterpartKind.Unspecified && Enum.IsDefined(k))
                .OverridePropertyName("acceptance.counterpart.kind")
                .WithMessage("行政相对人类型未指定，应为个人或单位 (kind must be person or organisation)");
            switch (acceptance)
            {
                case Acceptance.Person:
                    PersonRules();
                    break;
                case Acceptance.Organisation:
                    OrganisationRules();
                    break;
            }
        }

        /// <summary>A person, by name and identity document: a resident ID number must pass its GB 11643 check digit.</summary>
        private void PersonRules()
        {
            RuleFor(e => e.Acceptance.Counterpart.Name).NotEmpty()
                .OverridePropertyName("acceptance.counterpart.name")
                .WithMessage("行政相对人姓名为空 (person's name is empty)");
            RuleFor(e => e.Acceptance.Counterpart.IdType).Must(t => t != IdType.Unspecified && Enum.IsDefined(t))
                .OverridePropertyName("acceptance.counterpart.id_type")
                .WithMessage("证件类型未指定 (identity document type is unspecified)");
            RuleFor(e => e.Acceptance.Counterpart.IdNumber).NotEmpty()
                .OverridePropertyName("acceptance.counterpart.id_number")
                .WithMessage("证件号码为空 (identity document number is empty)");
            RuleFor(e => e.Acceptance.Counterpart.IdNumber).Must(n => ResidentIdNumber.Check(n) is null)
                .When(e => e.Acceptance.Counterpart.IdType == IdType.ResidentId && !string.IsNullOrEmpty(e.Acceptance.Counterpart.IdNumber))
                .OverridePropertyName("acceptance.counterpart.id_number")
                .WithMessage(e => ResidentIdNumber.Check(e.Acceptance.Counterpart.IdNumber)!);
        }

        /// <summary>An organisation, by name and unified social credit code (GB 32100).</summary>
        private void OrganisationRules()
        {
            RuleFor(e => e.Acceptance.Counterpart.Name).NotEmpty()
                .OverridePropertyName("acceptance.counterpart.name")
                .WithMessage("行政相对人单位名称为空 (organisation name is empty)");
            RuleFor(e => e.Acceptance.Counterpart.CreditCode).Must(code => CreditCode.CheckForm(code) is null)
                .OverridePropertyName("acceptance.counterpart.credit_code")
                .WithMessage(e => CreditCode.CheckForm(e.Acceptance.Counterpart.CreditCode)!);

            // A few codes in use fail their check character: kept with the case as a warning.
            RuleFor(e => e.Acceptance.Counterpart.CreditCode).Must(code => CreditCode.CheckDigit(code) is null)
                .When(e => CreditCode.CheckForm(e.Acceptance.Counterpart.CreditCode) is null)
                .OverridePropertyName("acceptance.counterpart.credit_code")
                .WithMessage(e => CreditCode.CheckDigit(e.Acceptance.Counterpart.CreditCode)!)
                .WithSeverity(Severity.Warning);
        }

        /// <summary>Art. 31(4): 持否定意见的应附有说明理由.</summary>
        private void OpinionRules()
        {
            RuleFor(e => e.Stance).Must(s => s != Stance.Unspecified && Enum.IsDefined(s))
                .OverridePropertyName("stance")
                .WithMessage("意见的态度未指定，应为同意或不同意 (stance must be positive or negative)");
            RuleFor(e => e.Opinion).Must(o => !string.IsNullOrWhiteSpace(o))
                .When(e => e.Stance == Stance.Negative)
                .OverridePropertyName("opinion")
                .WithMessage("持否定意见的应附有说明理由 (a negative opinion needs its reason, Art. 31(4))");
        }

        private void DecisionRules()
        {
            RuleFor(e => e.Decision).NotNull()
                .OverridePropertyName("decision")
                .WithMessage("决定事件缺少决定信息 (a decision event needs decision details)");
            RuleFor(e => e.Decision.Outcome).Must(o => o != Outcome.Unspecified && Enum.IsDefined(o))
                .When(e => e.Decision is not null)
                .OverridePropertyName("decision.outcome")
                .WithMessage("决定结果未指定 (outcome is unspecified)");
            RuleFor(e => e.Decision.PenaltyAmount).GreaterThanOrEqualTo(0)
                .When(e => e.Decision is not null)
                .OverridePropertyName("decision.penalty_amount")
                .WithMessage(e => $"罚款金额不能为负数，实为{e.Decision.PenaltyAmount} (penalty amount is negative)");
        }

        private void MergedRules()
        {
            RuleFor(e => e.MergedInto).NotEmpty()
                .OverridePropertyName("merged_into")
                .WithMessage("并案事件未指明并入的办件流水号 (merged_into is empty)");
            RuleFor(e => e.MergedInto).NotEqual(e => e.CaseSerial)
                .When(e => !string.IsNullOrEmpty(e.MergedInto))
                .OverridePropertyName("merged_into")
                .WithMessage("办件不能并入自身 (a case cannot be merged into itself)");
        }

        /// <summary>Art. 32(5): corrections, returns and suspensions are watched; each needs its reason.</summary>
        private void ReasonRules()
        {
            RuleFor(e => e.Opinion).Must(o => !string.IsNullOrWhiteSpace(o))
                .OverridePropertyName("opinion")
                .WithMessage(e => $"{Describe(e.Kind)}需要说明理由 (a {e.Kind} event needs its reason)");
        }

        private static string Describe(CaseEventKind kind) => kind switch
        {
            CaseEventKind.Returned => "退回",
            CaseEventKind.Suspended => "暂停",
            _ => "补正要求",
        };
    }
}
