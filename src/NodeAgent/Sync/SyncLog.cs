using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>The exchange's log messages, with stable event ids.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Exchange call from {Peer} refused (Unauthenticated): {Why}")]
    public static partial void Unauthenticated(ILogger logger, string peer, string why);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Exchange call from {Peer} refused (PermissionDenied): {Why}")]
    public static partial void PermissionDenied(ILogger logger, string peer, string why);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Batch from child {Child} refused: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string child, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Child {Child} pushed an entry of origin {Origin}, outside its subtree: call refused")]
    public static partial void OutsideSubtree(ILogger logger, string child, string origin);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Pushed to parent: {Sent} entries sent, {Applied} applied, {Held} already held; backlog {Backlog}")]
    public static partial void Pushed(ILogger logger, long sent, long applied, long held, long backlog);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Push to parent failed: {Reason}; retrying in {Delay}")]
    public static partial void PushFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Pulled from parent: {Applied} entries")]
    public static partial void Pulled(ILogger logger, long applied);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Pull from parent failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Took back {Count} entries of this node's own chain from the parent before appending anything new")]
    public static partial void Recovered(ILogger logger, long count);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Own entries #{First}..#{Last}, once confirmed by the parent, were lost here and at the parent; a red chain.lost alert was recorded and numbering continues")]
    public static partial void LostOnBothSides(ILogger logger, long first, long last);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Child {Child} silent for {Age}: {Level} alert raised")]
    public static partial void ChildLate(ILogger logger, string child, TimeSpan age, string level);
}
