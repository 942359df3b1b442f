using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>The agent's log messages, with stable event ids.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Node {Code} {Name} ({Level}) serving gRPC on {Listen}, admin socket {Socket}; ledger holds {Entries} entries")]
    public static partial void Started(ILogger logger, string code, string name, string level, string listen, string socket, long entries);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Node {Code} stopping")]
    public static partial void Stopping(ILogger logger, string code);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not check this node's own chain against the parent at start ({Reason}); the first push will")]
    public static partial void StartCheckSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Ledger checkpoint written")]
    public static partial void Checkpointed(ILogger logger);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Admin command: {Command} (exit {ExitCode})")]
    public static partial void AdminCommand(ILogger logger, string command, int exitCode);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Admin command refused from {Remote}: the admin service answers only on its local socket")]
    public static partial void AdminRefused(ILogger logger, string remote);
}
