using FluentValidation;
using Microsoft.Extensions.Options;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>Runs a FluentValidation validator when options are first used, so a wrong config stops the service at start.</summary>
internal sealed class FluentValidateOptions<T>(IValidator<T> validator) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var result = validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
    }
}
