using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node case show SERIAL</c>: a case with its whole event trail.</summary>
internal sealed class CaseShowCommand : Command
{
    private readonly Argument<string> _serial = new("SERIAL") { Description = "The case serial (办件流水号)" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public CaseShowCommand(ISessionSource sessions)
        : base("show", "Show a case and every event of it, in order")
    {
        Arguments.Add(_serial);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var serial = parse.GetValue(_serial)!;
            if (session.Cases.Find(serial) is not { } summary)
            {
                parse.InvocationConfiguration.Error.WriteLine($"没有办件 {serial} (no such case); see: exchange-node case list");
                return ExitCodes.Rejected;
            }

            var trail = session.Cases.Trail(summary).ToList();
            if (parse.GetValue(_json))
            {
                var node = JsonSerializer.SerializeToNode(CaseJson.Summary(summary), JsonOutput.Options)!.AsObject();
                node["trail"] = new JsonArray(trail.Select(e => (JsonNode?)JsonOutput.Of(e)).ToArray());
                JsonOutput.Write(output, node);
                return ExitCodes.Done;
            }

            output.WriteLine($"{summary.Serial}  {summary.Title}");
            output.WriteLine($"  状态 status: {Labels.Of(summary.Status)}   权力 power: {summary.PowerCode} v{summary.PowerVersion}   部门 department: {summary.Department}   区划 division: {summary.Division}");
            foreach (var warning in summary.Warnings)
            {
                output.WriteLine($"  警告 warning: {warning}");
            }

            foreach (var e in trail)
            {
                var at = e.OccurredAt?.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                output.WriteLine($"  {at}  {e.EventId,-6} {Labels.Of(e.Kind),-5} {e.Post} {e.Actor} {Detail(e)}".TrimEnd());
            }

            return ExitCodes.Done;
        }));
    }

    private static string Detail(CaseEvent e) => e.Kind switch
    {
        CaseEventKind.Accepted => $"{e.Acceptance.Counterpart?.Name} ({e.Acceptance.Channel})",
        CaseEventKind.Opinion => $"{(e.Stance == Stance.Negative ? "不同意" : "同意")} {e.Opinion}",
        CaseEventKind.Decision => $"{e.Decision.Outcome} {e.Decision.DocumentNumber}{(e.Decision.PenaltyAmount > 0 ? $" 罚款 {e.Decision.PenaltyAmount} 元" : string.Empty)}",
        CaseEventKind.Merged => $"→ {e.MergedInto}",
        _ => e.Opinion,
    };
}
