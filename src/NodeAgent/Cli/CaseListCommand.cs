using System.CommandLine;
using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.NodeAgent.Records;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node case list</c>: cases with their state.</summary>
internal sealed class CaseListCommand : Command
{
    private readonly Option<string?> _status = new("--status") { Description = "办理中, 补正中, 暂停, 已退回, 已决定, 已并案, 办结 (or Open, AwaitingCorrection, Suspended, Returned, Decided, Merged, Concluded)" };
    private readonly Option<string?> _power = new("--power") { Description = "Only cases under this power code" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public CaseListCommand(ISessionSource sessions)
        : base("list", "List cases and where each stands")
    {
        Options.Add(_status);
        Options.Add(_power);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var status = CommandRun.ParseOption<CaseStatus>(parse.GetValue(_status), Labels.Of, "--status", "办理中, 补正中, 暂停, 已退回, 已决定, 已并案, 办结");
            var cases = session.Cases.List(status, parse.GetValue(_power));
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, cases.Select(CaseJson.Summary).ToList());
                return ExitCodes.Done;
            }

            var count = 0;
            foreach (var c in cases)
            {
                output.WriteLine($"{c.Serial,-22} {Labels.Of(c.Status),-4} {c.PowerCode,-18} {c.EventSequences.Count,3} events  {c.Title}");
                count++;
            }

            output.WriteLine($"{count} case(s)");
            return ExitCodes.Done;
        }));
    }
}
