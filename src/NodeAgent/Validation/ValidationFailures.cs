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
        var problems = new List<FieldProblem>(result.Errors.Count);
        foreach (var failure in result.Errors)
        {
            problems.Add(new FieldProblem(failure.PropertyName, failure.ErrorMessage, failure.Severity != Severity.Error));
        }

        return problems;
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
