using FluentValidation;
using FluentValidation.Results;

namespace ExchangeNode.NodeAgent.Validation;

/// <summary>Turns FluentValidation results into <see cref="FieldProblem"/>s.</summary>
internal static class ValidationFailures
{
    /// <summary>The failures of <paramref name="result"/>, errors and warnings, in rule order.</summary>
    public static List<FieldProblem> ToProblems(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors
            .Select(f => new FieldProblem(f.PropertyName, f.ErrorMessage, f.Severity != Severity.Error))
            .ToList();
    }

    /// <summary>Validates <paramref name="record"/> and returns its problems (empty when it passes).</summary>
    public static List<FieldProblem> Validate<T>(IValidator<T> validator, T record)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return ToProblems(validator.Validate(record));
    }

    /// <summary>True when any problem is an error rather than a warning.</summary>
    public static bool HasErrors(IEnumerable<FieldProblem> problems) => problems.Any(p => !p.IsWarning);
}
