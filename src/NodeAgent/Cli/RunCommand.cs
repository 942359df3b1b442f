using System.CommandLine;
using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node run</c>: the agent, in the foreground or under systemd or the Windows service manager.</summary>
internal sealed class RunCommand : Command
{
    public RunCommand(ISessionSource sessions)
        : base("run", "Run the agent (gRPC server, schedules) until Ctrl-C or the service manager stops it")
    {
        SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            NodeSession session;
            try
            {
                session = sessions.Open(DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data)));
            }
            catch (NodeConfigException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.Usage;
            }
            catch (Ledger.StoreBusyException ex)
            {
                await error.WriteLineAsync($"{ex.Message} 已有 agent 在运行此节点 (an agent already runs this node).");
                return ExitCodes.Usage;
            }

            using (session)
            {
                try
                {
                    await AgentHost.RunAsync(session, cancellationToken);
                }
                catch (Exception ex) when (ex is NodeConfigException or Microsoft.Extensions.Options.OptionsValidationException or IOException)
                {
                    await error.WriteLineAsync($"agent stopped at start: {ex.Message}");
                    return ExitCodes.Usage;
                }
            }

            return ExitCodes.Done;
        });
    }
}
