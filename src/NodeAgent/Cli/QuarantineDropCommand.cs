using System.CommandLine;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node quarantine drop ID --reason TEXT</c>: gives up a record, recorded in the ledger as an operator's act.</summary>
internal sealed class QuarantineDropCommand : Command
{
    private readonly Argument<int> _id = new("ID") { Description = "The quarantine id (see quarantine list)" };
    private readonly Option<string> _reason = new("--reason") { Description = "Why it is dropped (kept in the ledger)", Required = true };

    public QuarantineDropCommand(ISessionSource sessions)
        : base("drop", "Drop a quarantined record; the act, the record's source and your reason are recorded in the ledger, never silent")
    {
        Arguments.Add(_id);
        Options.Add(_reason);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var id = parse.GetValue(_id);
            var reason = parse.GetValue(_reason)!.Trim();
            if (reason.Length == 0)
            {
                throw new UsageException("quarantine drop: --reason 不能为空 (a reason is required)");
            }

            var item = session.Quarantine.Find(id)
                ?? throw new UsageException($"隔离区中没有 #{id} (no such quarantine id); see: exchange-node quarantine list");
            using (var transaction = session.Ledger.Begin())
            {
                transaction.AppendLocal(
                    new Record
                    {
                        OperatorAct = new OperatorAct
                        {
                            Action = "quarantine.drop",
                            Subject = $"#{item.Id} {item.Kind} {item.Adapter} {item.Source}: {item.Raw}",
                            Reason = reason,
                            Operator = Environment.UserName,
                        },
                    },
                    session.Node.Code);
                session.Quarantine.Remove(item.Id);
                transaction.Commit();
            }

            output.WriteLine($"#{id} 已丢弃并记入账本 (dropped, recorded in the ledger as an operator's act): {item.Source}");
            return ExitCodes.Done;
        }));
    }
}
