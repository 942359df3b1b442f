using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node sync</c>: the exchange with the parent, now.</summary>
internal sealed class SyncCommands : Command
{
    public SyncCommands(ISessionSource sessions)
        : base("sync", "Exchange with the parent now, see freshness, restore from the parent")
    {
        Subcommands.Add(new SyncPushCommand(sessions));
        Subcommands.Add(new SyncPullCommand(sessions));
        Subcommands.Add(new SyncStatusCommand(sessions));
        Subcommands.Add(new SyncRestoreCommand(sessions));
    }
}
