using System.CommandLine;
using ExchangeNode.NodeAgent.Sync;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node sync status</c>: freshness of each child (at a parent), backlog and last acknowledgement (at a child).</summary>
internal sealed class SyncStatusCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public SyncStatusCommand(ISessionSource sessions)
        : base("status", "Per child: last contact, newest entry held, reported backlog, OK/WARN/LATE; toward the parent: backlog and last acknowledgement")
    {
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var children = session.Freshness.Measure();
            var (cursor, _, ackedAt) = session.SyncState.Push;
            var upward = session.Node.Parent.Length == 0 ? null : new
            {
                parent = session.Node.Parent,
                acknowledgedThrough = cursor,
                lastAcknowledgedAt = ackedAt,
                backlog = session.Parent.BacklogAfter(cursor),
                pullCursor = session.SyncState.PullCursor,
            };
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new
                {
                    node = session.Node.Code,
                    upward,
                    children = children.Select(c => new
                    {
                        code = c.Child.Code,
                        name = c.Child.Name,
                        state = State(c.State),
                        lastContact = c.Child.LastContact,
                        silentHours = c.SilentFor?.TotalHours,
                        newestEntryAt = c.NewestEntryAt,
                        reportedBacklog = c.Child.ReportedBacklog,
                        origins = c.Origins.Select(o => new { origin = o.Origin, entries = o.Sequence, newestEntryAt = o.RecordedAt }),
                    }),
                });
                return ExitCodes.Done;
            }

            if (upward is not null)
            {
                output.WriteLine($"上级 parent {upward.parent}: acknowledged through #{upward.acknowledgedThrough} at {(ackedAt is { } a ? $"{a:yyyy-MM-dd HH:mm:ss}Z" : "never")}, backlog {upward.backlog}");
            }

            if (children.Count > 0)
            {
                output.WriteLine($"{"CHILD",-7} {"NAME",-8} {"STATE",-5} {"LAST CONTACT",-20} {"SILENT",8} {"NEWEST ENTRY",-20} {"BACKLOG",8}");
                foreach (var c in children)
                {
                    output.WriteLine($"{c.Child.Code,-7} {c.Child.Name,-8} {State(c.State),-5} {Time(c.Child.LastContact),-20} {c.SilentFor?.TotalHours,7:F1}h {Time(c.NewestEntryAt),-20} {c.Child.ReportedBacklog,8}");
                    foreach (var origin in c.Origins)
                    {
                        output.WriteLine($"        origin {origin.Origin}: {origin.Sequence} entries, newest {Time(origin.RecordedAt)}");
                    }
                }
            }
            else if (upward is null)
            {
                output.WriteLine("No parent and no children configured (Node:Parent; exchange-node child add).");
            }

            return ExitCodes.Done;
        }));
    }

    private static string State(FreshnessState state) => state.ToString().ToUpperInvariant();

    private static string Time(DateTime? at) => at is { } t ? $"{t:yyyy-MM-dd HH:mm:ss}Z" : "never";
}
