using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>The adapters' log messages, with stable event ids.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Adapter {Name}: {Accepted} accepted, {Unchanged} unchanged, {Rejected} rejected")]
    public static partial void Ran(ILogger logger, string name, long accepted, long unchanged, long rejected);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Adapter {Name} failed: {Reason}; it resumes from its last committed position at the next run")]
    public static partial void Failed(ILogger logger, string name, string reason);
}
