using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node child remove CODE</c>: the child's credential stops working; what it pushed stays.</summary>
internal sealed class ChildRemoveCommand : Command
{
    private readonly Argument<string> _code = new("CODE") { Description = "The child's code" };

    public ChildRemoveCommand(ISessionSource sessions)
        : base("remove", "Remove a child: its credential is refused from now on; entries it pushed stay in the ledger")
    {
        Arguments.Add(_code);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var code = parse.GetValue(_code)!;
            bool removed;
            using (var transaction = session.Ledger.Begin())
            {
                removed = session.Children.Remove(code);
                transaction.Commit();
            }

            if (!removed)
            {
                parse.InvocationConfiguration.Error.WriteLine($"没有已登记的下级 {code} (no such registered child); see: exchange-node child list");
                return ExitCodes.Rejected;
            }

            output.WriteLine($"下级 {code} 已移除，其凭证自此失效 (removed; its credential is refused from now on)");
            return ExitCodes.Done;
        }));
    }
}
