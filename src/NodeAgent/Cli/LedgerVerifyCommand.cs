using System.CommandLine;
using ExchangeNode.NodeAgent.Ledger;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node ledger verify</c>: recomputes every chain; exit 1 at the first bad entry.</summary>
internal sealed class LedgerVerifyCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public LedgerVerifyCommand(ISessionSource sessions)
        : base("verify", "Recompute every origin's hash chain; names the first altered, removed or reordered entry")
    {
        Options.Add(_json);
        SetAction((parse, cancellationToken) => Task.FromResult(CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var report = LedgerVerifier.Verify(session.Ledger, session.Node.Code, cancellationToken);
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new
                {
                    intact = report.Intact,
                    entries = report.Entries,
                    chains = report.Chains.Select(c => new { origin = c.Origin, entries = c.Sequence, head = Convert.ToHexStringLower(c.Hash) }),
                    firstBadEntry = report.Problem is { } p
                        ? new { origin = p.Origin, sequence = p.OriginSequence, localSequence = p.LocalSequence, reason = p.Reason }
                        : null,
                });
            }
            else if (report.Problem is { } problem)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"账本校验失败 (ledger verification FAILED): 首个问题条目 origin {problem.Origin} sequence {problem.OriginSequence} (local #{problem.LocalSequence})");
                parse.InvocationConfiguration.Error.WriteLine($"  {problem.Reason}");
                output.WriteLine($"{report.Entries} entries verified before the first bad one.");
            }
            else
            {
                output.WriteLine($"账本完整 (ledger intact): {report.Entries} entries, {report.Chains.Count} chain(s)");
                foreach (var chain in report.Chains)
                {
                    output.WriteLine($"  {chain.Origin}: {chain.Sequence} entries, head {Convert.ToHexStringLower(chain.Hash)[..16]}");
                }
            }

            return report.Intact ? ExitCodes.Done : ExitCodes.Rejected;
        })));
    }
}
