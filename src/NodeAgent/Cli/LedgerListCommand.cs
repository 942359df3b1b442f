using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node ledger list</c>: the latest entries, with their envelope; alerts and operators' acts in full.</summary>
internal sealed class LedgerListCommand : Command
{
    private readonly Option<string?> _kind = new("--kind") { Description = "power, case, alert or operator (operators' acts, e.g. quarantine drops)" };
    private readonly Option<int> _last = new("--last") { Description = "How many of the latest matching entries (default 20)", DefaultValueFactory = _ => 20 };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public LedgerListCommand(ISessionSource sessions)
        : base("list", "List the latest ledger entries: origin, sequence, time, jurisdiction and the record (alerts and operators' acts in full)")
    {
        Options.Add(_kind);
        Options.Add(_last);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var kind = parse.GetValue(_kind) switch
            {
                null => (Record.KindOneofCase?)null,
                "power" => Record.KindOneofCase.Power,
                "case" => Record.KindOneofCase.CaseEvent,
                "alert" => Record.KindOneofCase.Alert,
                "operator" => Record.KindOneofCase.OperatorAct,
                var other => throw new UsageException($"--kind: 无法识别 \"{other}\"，可用值 (allowed): power, case, alert, operator"),
            };
            var last = Math.Max(1, parse.GetValue(_last));
            var entries = Latest(session.Ledger, kind, last);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
                {
                    ["localSequence"] = e.LocalSequence,
                    ["origin"] = e.Body.Origin,
                    ["sequence"] = e.Body.OriginSequence,
                    ["recordedAt"] = e.Body.RecordedAt.ToDateTime().ToString("O", CultureInfo.InvariantCulture),
                    ["jurisdiction"] = e.Body.Jurisdiction,
                    ["hash"] = Convert.ToHexStringLower(e.Entry.Hash.Span),
                    ["record"] = JsonOutput.Of(e.Body.Record),
                }).ToArray()));
                return ExitCodes.Done;
            }

            foreach (var e in entries)
            {
                output.WriteLine($"#{e.LocalSequence} {e.Body.Origin}#{e.Body.OriginSequence} {e.Body.RecordedAt.ToDateTime():yyyy-MM-dd HH:mm:ss}Z [{e.Body.Jurisdiction}] {Describe(e.Body.Record)}");
            }

            output.WriteLine($"{entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
            return ExitCodes.Done;
        }));
    }

    /// <summary>The latest matching entries, oldest first, read backwards in pages (never the whole ledger in memory).</summary>
    private static List<StoredEntry> Latest(LedgerStore ledger, Record.KindOneofCase? kind, int count)
    {
        var found = ledger.ReadBackward(ledger.LastLocalSequence)
            .Where(entry => kind is null || entry.Body.Record.KindCase == kind)
            .Take(count)
            .ToList();
        found.Reverse();
        return found;
    }

    private static string Describe(Record record) => record.KindCase switch
    {
        Record.KindOneofCase.Power => $"power {record.Power.Code} v{record.Power.Version} {record.Power.Name}",
        Record.KindOneofCase.CaseEvent => $"case {record.CaseEvent.CaseSerial} {record.CaseEvent.EventId} {record.CaseEvent.Kind}",
        Record.KindOneofCase.Alert => $"alert {record.Alert.Level} {record.Alert.Kind} {record.Alert.Subject}: {record.Alert.Detail}",
        Record.KindOneofCase.OperatorAct => $"operator {record.OperatorAct.Operator}: {record.OperatorAct.Action} {record.OperatorAct.Subject} — {record.OperatorAct.Reason}",
        _ => "(empty record)",
    };
}
