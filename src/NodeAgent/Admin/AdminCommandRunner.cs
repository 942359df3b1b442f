using System.CommandLine;
using ExchangeNode.NodeAgent.Cli;
using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Admin;

/// <summary>Runs a command line inside the agent against its open store, capturing the output.</summary>
internal sealed class AdminCommandRunner(NodeSession session)
{
    private readonly RootCommand _root = ExchangeNodeCommandLine.Build(new HostedSessionSource(session), insideAgent: true);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var parse = _root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            return (ExitCodes.Usage, output.ToString(), error.ToString());
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };

        // Commands use the store synchronously (LiteDB binds a transaction to its thread): run them off the request thread.
        var exitCode = await Task.Run(() => parse.InvokeAsync(configuration, cancellationToken), cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
