using System.CommandLine;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node power list</c>: the current version of every item.</summary>
internal sealed class PowerListCommand : Command
{
    private readonly Option<string?> _status = new("--status") { Description = "在用, 暂停, 取消 (or active, suspended, cancelled)" };
    private readonly Option<string?> _category = new("--category") { Description = "行政许可 … 其他行政权力 (or Licensing … Other)" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public PowerListCommand(ISessionSource sessions)
        : base("list", "List the power library's current items")
    {
        Options.Add(_status);
        Options.Add(_category);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var status = CommandRun.ParseOption<PowerStatus>(parse.GetValue(_status), Labels.Of, "--status", "在用, 暂停, 取消");
            var category = CommandRun.ParseOption<PowerCategory>(parse.GetValue(_category), Labels.Of, "--category", "行政许可, 行政处罚, … 其他行政权力");
            var powers = session.Powers.List(status, category);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new JsonArray(powers.Select(p => (JsonNode?)JsonOutput.Of(p)).ToArray()));
                return ExitCodes.Done;
            }

            var count = 0;
            foreach (var p in powers)
            {
                output.WriteLine($"{p.Code,-18} v{p.Version,-3} {Labels.Of(p.Status),-3} {Labels.Of(p.Category),-7} {p.Name}  [{p.Implementer?.Name}]");
                count++;
            }

            output.WriteLine($"{count} item(s)");
            return ExitCodes.Done;
        }));
    }
}
