using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node adapter list</c>: each adapter's kind, schedule, state, last run, position and counts.</summary>
internal sealed class AdapterListCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public AdapterListCommand(ISessionSource sessions)
        : base("list", "Each adapter: kind, schedule, last run, position, counts, last error")
    {
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var rows = session.Adapters.Configured.Select(a => (Options: a, State: session.Adapters.Checkpoints.Get(a.Name))).ToList();
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, rows.Select(r => new
                {
                    name = r.Options.Name,
                    kind = r.Options.Kind,
                    target = r.Options.Target,
                    enabled = r.Options.Enabled,
                    schedule = r.Options.Cron ?? r.Options.Interval?.ToString(),
                    lastRun = r.State.LastRun,
                    position = r.State.Position,
                    accepted = r.State.Accepted,
                    unchanged = r.State.Unchanged,
                    rejected = r.State.Rejected,
                    lastError = r.State.LastError,
                }).ToList());
                return ExitCodes.Done;
            }

            foreach (var (options, state) in rows)
            {
                var status = !options.Enabled ? "disabled" : state.LastError.Length > 0 ? "FAILING" : state.LastRun is null ? "never run" : "ok";
                output.WriteLine($"{options.Name} ({options.Kind} → {options.Target}, every {options.Cron ?? options.Interval?.ToString()}): {status}");
                output.WriteLine($"    last run {(state.LastRun is { } at ? $"{at:yyyy-MM-dd HH:mm:ss}Z" : "never")}, position {state.Position ?? "(start)"}");
                output.WriteLine($"    accepted {state.Accepted}, unchanged {state.Unchanged}, rejected {state.Rejected}{(state.LastError.Length > 0 ? $"; last error: {state.LastError}" : string.Empty)}");
            }

            output.WriteLine($"{rows.Count} adapter(s)");
            return ExitCodes.Done;
        }));
    }
}
