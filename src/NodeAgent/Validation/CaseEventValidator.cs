using ExchangeNode.Protocol.V1;
using FluentValidation;

namespace ExchangeNode.NodeAgent.Validation;

internal sealed class CaseEventValidator : AbstractValidator<CaseEvent>
{
    public CaseEventValidator()
    {
        RuleFor(e => e.CaseSerial).NotEmpty().OverridePropertyName("case_serial");
    }
}
