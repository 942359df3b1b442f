using System.CommandLine;
using System.CommandLine.Help;
using ExchangeNode.NodeAgent.Admin;
using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>The <c>exchange-node</c> command line.</summary>
internal static class ExchangeNodeCommandLine
{
    public static RootCommand Build(ISessionSource sessions, bool insideAgent)
    {
        var root = new RootCommand(
            "exchange-node: keeps a node's power library (行政权力库) and case ledger (办件), hash-chained, and moves them up and down the hierarchy.");
        root.Options.Add(GlobalOptions.Data);
        if (!insideAgent)
        {
            root.Subcommands.Add(new InitCommand());
            root.Subcommands.Add(new RunCommand(sessions));
        }

        root.Subcommands.Add(new LedgerCommands(sessions));
        root.Subcommands.Add(new PowerCommands(sessions));
        root.Subcommands.Add(new CaseCommands(sessions));
        root.Subcommands.Add(new QuarantineCommands(sessions));
        root.Subcommands.Add(new ChildCommands(sessions));
        root.Subcommands.Add(new SyncCommands(sessions));
        root.Subcommands.Add(new AdapterCommands(sessions));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = Build(new LocalSessionSource(TimeProvider.System), insideAgent: false);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration();
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await configuration.Error.WriteLineAsync(problem.Message);
            }

            await configuration.Error.WriteLineAsync("See: exchange-node --help");
            return ExitCodes.Usage;
        }

        var command = parse.CommandResult.Command;
        var isDataCommand = command is not (RootCommand or InitCommand or RunCommand) && parse.Action is not HelpAction;
        if (isDataCommand)
        {
            var forwarded = await AdminForwarder.TryRunAsync(
                DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data)), args, configuration.Output, configuration.Error, CancellationToken.None);
            if (forwarded is { } exitCode)
            {
                return exitCode;
            }
        }

        // The host owns Ctrl-C and SIGTERM for `run`; elsewhere a batch commits whole or not at all.
        configuration.ProcessTerminationTimeout = null;
        return await parse.InvokeAsync(configuration);
    }
}
