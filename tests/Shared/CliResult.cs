namespace ExchangeNode.Tests.Support;

/// <summary>What a finished exchange-node process left: exit code, standard output, standard error.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
