using ExchangeNode.Protocol.V1;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Validation;

internal sealed class PowerValidator : AbstractValidator<Power>
{
    public PowerValidator()
    {
        RuleFor(p => p.Code).NotEmpty().OverridePropertyName("code");
        RuleFor(p => p.Approval).NotNull().OverridePropertyName("approval");
    }
}
