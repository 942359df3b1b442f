using FluentValidation;
using FluentValidation.Results;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>Turns a FluentValidation result into field problems.</summary>
internal static class ValidationProblems
{
    public static List<FieldProblem> Of(ValidationResult result) =>
        result.Errors.Select(e => new FieldProblem(e.PropertyName, e.ErrorMessage, e.Severity != Severity.Error)).ToList();
}
