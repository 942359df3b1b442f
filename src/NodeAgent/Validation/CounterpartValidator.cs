using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>
/// Rules for the counterpart of a case (行政相对人, Art. 31(1)): a person by name and identity
/// document, an organisation by name and unified social credit code.
/// </summary>
internal sealed class CounterpartValidator : AbstractValidator<Counterpart>
{
    // The kinds with no rules of their own.
    private static readonly InlineValidator<Counterpart> NoRules = new();

    public CounterpartValidator()
    {
        RuleFor(c => c.Kind).Must(k => k != CounterpartKind.Unspecified && Enum.IsDefined(k))
            .OverridePropertyName("kind")
            .WithMessage("行政相对人类型未指定，应为个人或单位 (kind must be person or organisation)");

        // A person's rules or an organisation's, chosen by the kind (no When blocks, which
        // FluentValidation pays for on every record; see CaseEventValidator).
        Include(c => RulesOf(c.Kind));
    }

    private static IValidator<Counterpart> RulesOf(CounterpartKind kind) => kind switch
    {
        CounterpartKind.Person => PersonRules.Instance,
        CounterpartKind.Organisation => OrganisationRules.Instance,
        _ => NoRules,
    };

    private sealed class PersonRules : AbstractValidator<Counterpart>
    {
        public static readonly PersonRules Instance = new();

        private PersonRules()
        {
            RuleFor(c => c.Name).NotEmpty()
                .OverridePropertyName("name")
                .WithMessage("行政相对人姓名为空 (person's name is empty)");
            RuleFor(c => c.IdType).Must(t => t != IdType.Unspecified && Enum.IsDefined(t))
                .OverridePropertyName("id_type")
                .WithMessage("证件类型未指定 (identity document type is unspecified)");
            RuleFor(c => c.IdNumber).NotEmpty()
                .OverridePropertyName("id_number")
                .WithMessage("证件号码为空 (identity document number is empty)");
            RuleFor(c => c.IdNumber).Must(n => ResidentIdNumber.Check(n) is null)
                .When(c => c.IdType == IdType.ResidentId && !string.IsNullOrEmpty(c.IdNumber))
                .OverridePropertyName("id_number")
                .WithMessage(c => ResidentIdNumber.Check(c.IdNumber)!);
        }
    }

    private sealed class OrganisationRules : AbstractValidator<Counterpart>
    {
        public static readonly OrganisationRules Instance = new();

        private OrganisationRules()
        {
            RuleFor(c => c.Name).NotEmpty()
                .OverridePropertyName("name")
                .WithMessage("行政相对人单位名称为空 (organisation name is empty)");
            RuleFor(c => c.CreditCode).Must(code => CreditCode.CheckForm(code) is null)
                .OverridePropertyName("credit_code")
                .WithMessage(c => CreditCode.CheckForm(c.CreditCode)!);

            // A few codes in use fail their check character: kept with the case as a warning.
            RuleFor(c => c.CreditCode).Must(code => CreditCode.CheckDigit(code) is null)
                .When(c => CreditCode.CheckForm(c.CreditCode) is null)
                .OverridePropertyName("credit_code")
                .WithMessage(c => CreditCode.CheckDigit(c.CreditCode)!)
                .WithSeverity(Severity.Warning);
        }
    }
}
