using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// Measures, per child, how long it has been silent and how new the newest data held of it is,
/// and raises a yellow alert past Sync:WarnAfter and a red one past Sync:LateAfter (Art. 28:
/// reports at most every 24 hours), once per silence.
/// </summary>
internal sealed class FreshnessMonitor(NodeSession session)
{
    public ILogger Logger { get; set; } = NullLogger.Instance;

    public IReadOnlyList<ChildFreshness> Measure()
    {
        var now = session.Time.GetUtcNow().UtcDateTime;
        var heads = session.Ledger.Heads;
        return session.Children.List().Where(c => c.Active).Select(child =>
        {
            var origins = heads
                .Where(h => DivisionCode.IsWithin(h.Origin, child.Code))
                .OrderBy(h => h.Origin, StringComparer.Ordinal)
                .ToList();
            var silentFor = now - (child.LastContact ?? child.AddedAt);
            var state = silentFor >= session.Sync.LateAfter ? FreshnessState.Late
                : silentFor >= session.Sync.WarnAfter ? FreshnessState.Warn
                : FreshnessState.Ok;
            DateTime? newest = origins.Count == 0 ? null : origins.Max(h => h.RecordedAt);
            return new ChildFreshness(child, silentFor, newest, origins, state);
        }).ToList();
    }

    /// <summary>Raises the alerts due now; returns how many were raised.</summary>
    public int RaiseAlerts()
    {
        var raised = 0;
        foreach (var child in Measure())
        {
            var (level, label) = child.State switch
            {
                FreshnessState.Late => (AlertLevel.Red, "red"),
                FreshnessState.Warn => (AlertLevel.Yellow, "yellow"),
                _ => (AlertLevel.Unspecified, string.Empty),
            };
            if (level == AlertLevel.Unspecified || child.Child.RaisedAlert == label || child.Child.RaisedAlert == "red")
            {
                continue;
            }

            using var transaction = session.Ledger.Begin();
            transaction.AppendAlert(
                "child.late",
                level,
                child.Child.Code,
                $"下级 {child.Child.Code} {child.Child.Name} 已 {child.SilentFor!.Value.TotalHours:F1} 小时未报送数据 (silent for {child.SilentFor.Value}; Art. 28 allows 24 hours)",
                child.Child.Code);
            session.Children.MarkAlert(child.Child.Code, label);
            transaction.Commit();
            SyncLog.ChildLate(Logger, child.Child.Code, child.SilentFor.Value, label);
            raised++;
        }

        return raised;
    }
}
