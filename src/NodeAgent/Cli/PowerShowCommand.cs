using System.CommandLine;
using System.Text.Json.Nodes;
using ExchangeNode.NodeAgent.Records;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node power show CODE</c>: one item, optionally with every version.</summary>
internal sealed class PowerShowCommand : Command
{
    private readonly Argument<string> _code = new("CODE") { Description = "The power code (行政权力编码)" };
    private readonly Option<bool> _history = new("--history") { Description = "Show every version, oldest first" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public PowerShowCommand(ISessionSource sessions)
        : base("show", "Show one power item")
    {
        Arguments.Add(_code);
        Options.Add(_history);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var code = parse.GetValue(_code)!;
            var versions = parse.GetValue(_history)
                ? session.Powers.History(code).Select(v => v.Power).ToList()
                : session.Powers.Current(code) is { } current ? [current] : [];
            if (versions.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine($"权力库中没有 {code} (no such power item); see: exchange-node power list");
                return ExitCodes.Rejected;
            }

            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, parse.GetValue(_history)
                    ? new JsonArray(versions.Select(v => (JsonNode?)JsonOutput.Of(v)).ToArray())
                    : JsonOutput.Of(versions[0]));
                return ExitCodes.Done;
            }

            foreach (var power in versions)
            {
                Describe(power, output);
            }

            return ExitCodes.Done;
        }));
    }

    private static void Describe(Power p, TextWriter output)
    {
        output.WriteLine($"{p.Code}  {p.Name}  (第 {p.Version} 版 version {p.Version}, {Labels.Of(p.Status)})");
        output.WriteLine($"  权力类别 category:        {Labels.Of(p.Category)}");
        output.WriteLine($"  实施主体 implementer:     {p.Implementer?.Name} {p.Implementer?.Code}");
        output.WriteLine($"  行政区划 division:        {p.DivisionCode}");
        foreach (var basis in p.LegalBasis)
        {
            output.WriteLine($"  法律依据 legal basis:     {basis}");
        }

        output.WriteLine($"  收费依据 fee basis:       {p.FeeBasis}");
        output.WriteLine($"  法定/承诺期限 limits:     {p.StatutoryLimitDays} / {p.PromisedLimitDays} 个工作日 working days");
        output.WriteLine($"  办理机构 office:          {p.HandlingOffice}  {p.Address}");
        output.WriteLine($"  电话 phone / 监督 supervision: {p.Phone} / {p.SupervisionPhone}");
        foreach (var material in p.RequiredMaterials)
        {
            output.WriteLine($"  申请材料 material:        {material}");
        }

        foreach (var step in p.ExternalFlow)
        {
            output.WriteLine($"  外部流程 step:            {step.Name} {step.Description}");
        }

        foreach (var step in p.InternalFlow)
        {
            output.WriteLine($"  内部流程 post:            {step.Post}: {step.Duty} ({step.LimitDays} 日)");
        }

        foreach (var b in p.DiscretionBenchmarks)
        {
            output.WriteLine($"  裁量基准 discretion:      {b.Circumstance}: {b.Min}–{b.Max} {b.Unit}");
        }

        output.WriteLine($"  审核确认 approval:        {p.Approval?.ApprovedBy} {p.Approval?.ApprovedOn} {p.Approval?.Reference}");
        if (p.EffectiveFrom.Length > 0)
        {
            output.WriteLine($"  生效日期 effective from:  {p.EffectiveFrom}");
        }
    }
}
