using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node quarantine list</c>.</summary>
internal sealed class QuarantineListCommand : Command
{
    private readonly Option<string?> _kind = new("--kind") { Description = "power or case" };
    private readonly Option<string?> _adapter = new("--adapter") { Description = "Only records from this adapter" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public QuarantineListCommand(ISessionSource sessions)
        : base("list", "List quarantined records: id, source (file:line), reasons, how often seen")
    {
        Options.Add(_kind);
        Options.Add(_adapter);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var items = session.Quarantine.List(parse.GetValue(_kind), parse.GetValue(_adapter)).ToList();
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, items.Select(q => new
                {
                    id = q.Id,
                    kind = q.Kind,
                    adapter = q.Adapter,
                    source = q.Source,
                    raw = q.Raw,
                    problems = q.Problems.Select(p => new { field = p.Field, reason = p.Reason }),
                    firstSeen = q.FirstSeen,
                    lastSeen = q.LastSeen,
                    times = q.Times,
                }).ToList());
                return ExitCodes.Done;
            }

            foreach (var q in items)
            {
                output.WriteLine($"#{q.Id} {q.Kind}{(q.Adapter.Length > 0 ? $" [{q.Adapter}]" : string.Empty)} {q.Source} (seen {q.Times}x, last {q.LastSeen:yyyy-MM-dd HH:mm}Z)");
                foreach (var p in q.Problems)
                {
                    output.WriteLine($"    {p.Field}: {p.Reason}");
                }
            }

            output.WriteLine($"{items.Count} record(s) in quarantine");
            return ExitCodes.Done;
        }));
    }
}
