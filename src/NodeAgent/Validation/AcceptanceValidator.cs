using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>Rules for the details of an Accepted event (办件基本信息, Art. 31(2)).</summary>
internal sealed class AcceptanceValidator : AbstractValidator<Acceptance>
{
    public AcceptanceValidator()
    {
        RuleFor(a => a.PowerCode).NotEmpty()
            .OverridePropertyName("power_code")
            .WithMessage("办件的行政权力编码为空 (power code is empty)");
        RuleFor(a => a.PowerVersion).GreaterThanOrEqualTo(1)
            .OverridePropertyName("power_version")
            .WithMessage(a => $"行政权力版本号应从1开始，实为{a.PowerVersion} (power version starts at 1)");
        RuleFor(a => a.Title).NotEmpty()
            .OverridePropertyName("title")
            .WithMessage("办件事由或名称为空 (title is empty)");
        RuleFor(a => a.DivisionCode).Must(d => DivisionCode.CheckForm(d) is null)
            .OverridePropertyName("division_code")
            .WithMessage(a => DivisionCode.CheckForm(a.DivisionCode)!);
        RuleFor(a => a.Counterpart).NotNull()
            .OverridePropertyName("counterpart")
            .WithMessage("缺少行政相对人信息 (counterpart is missing)");
        RuleFor(a => a.Counterpart).SetValidator(new CounterpartValidator())
            .When(a => a.Counterpart is not null)
            .OverridePropertyName("counterpart");
    }
}
