using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node child add</c>: registers a child and prints its credential once.</summary>
internal sealed class ChildAddCommand : Command
{
    private readonly Option<string> _code = new("--code") { Description = "The child's GB/T 2260 code, e.g. 320321", Required = true };
    private readonly Option<string> _name = new("--name") { Description = "The child's name, e.g. 丰县", Required = true };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public ChildAddCommand(ISessionSource sessions)
        : base("add", "Register a child node; prints its credential once (only a hash is kept)")
    {
        Options.Add(_code);
        Options.Add(_name);
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            string credential;
            using (var transaction = session.Ledger.Begin())
            {
                credential = session.Children.Add(parse.GetValue(_code)!.Trim(), parse.GetValue(_name)!.Trim());
                transaction.Commit();
            }

            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, new { code = parse.GetValue(_code), credential });
                return ExitCodes.Done;
            }

            output.WriteLine($"已登记下级 {parse.GetValue(_code)} {parse.GetValue(_name)} (child registered). Its credential, shown only now:");
            output.WriteLine();
            output.WriteLine($"  {credential}");
            output.WriteLine();
            output.WriteLine("Put it in the child's node.json as Sync:Credential (or EXCHANGENODE_Sync__Credential), with Node:Parent set to this node's address.");
            return ExitCodes.Done;
        }));
    }
}
