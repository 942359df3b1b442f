using System.CommandLine;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Quarantine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node quarantine retry ID|--all</c>: offers quarantined records again.</summary>
internal sealed class QuarantineRetryCommand : Command
{
    private readonly Argument<int?> _id = new("ID") { Description = "The quarantine id (see quarantine list)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _all = new("--all") { Description = "Retry every quarantined record" };
    private readonly Option<string?> _adapter = new("--adapter") { Description = "With --all: only this adapter's records" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public QuarantineRetryCommand(ISessionSource sessions)
        : base("retry", "Offer quarantined records again, after the mapping or the power library was fixed")
    {
        Arguments.Add(_id);
        Options.Add(_all);
        Options.Add(_adapter);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var id = parse.GetValue(_id);
            if (id is null == !parse.GetValue(_all))
            {
                throw new UsageException("quarantine retry: 给出 ID 或 --all 之一 (give an ID or --all)");
            }

            var items = id is { } one
                ? [session.Quarantine.Find(one) ?? throw new UsageException($"隔离区中没有 #{one} (no such quarantine id); see: exchange-node quarantine list")]
                : session.Quarantine.List(kind: null, parse.GetValue(_adapter)).ToList();
            var results = QuarantineRetry.Retry(session, items);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, results.Select(r => new
                {
                    id = r.Item.Id,
                    source = r.Item.Source,
                    outcome = r.Outcome.ToString(),
                    problems = r.Problems.Select(p => new { field = p.Field, reason = p.Reason }),
                }).ToList());
            }
            else
            {
                foreach (var (item, outcome, problems) in results)
                {
                    output.WriteLine($"#{item.Id} {item.Source}: {outcome}");
                    foreach (var problem in problems)
                    {
                        output.WriteLine($"    {problem.Field}: {problem.Reason}");
                    }
                }

                output.WriteLine($"{results.Count(r => r.Outcome != Admission.Rejected)} of {results.Count} left the quarantine");
            }

            return results.Any(r => r.Outcome == Admission.Rejected) ? ExitCodes.Rejected : ExitCodes.Done;
        }));
    }
}
