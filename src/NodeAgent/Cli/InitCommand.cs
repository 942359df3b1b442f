using System.CommandLine;
using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node init</c>: creates a node (node.json and an empty store) in the data folder.</summary>
internal sealed class InitCommand : Command
{
    private readonly Option<string> _code = new("--code") { Description = "GB/T 2260 division code of the node, e.g. 320321", Required = true };
    private readonly Option<string> _name = new("--name") { Description = "Name of the node, e.g. 丰县", Required = true };
    private readonly Option<NodeLevel?> _level = new("--level") { Description = "province, city or county (default: from the code)" };
    private readonly Option<string?> _parent = new("--parent") { Description = "URL of the parent node, e.g. https://city.example:5300" };
    private readonly Option<string?> _listen = new("--listen") { Description = "URL the agent listens on (default http://127.0.0.1:5 + the last four digits of the code)" };

    public InitCommand()
        : base("init", "Create a node: a config file (node.json) and an empty store in the data folder")
    {
        Options.Add(_code);
        Options.Add(_name);
        Options.Add(_level);
        Options.Add(_parent);
        Options.Add(_listen);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        var code = parse.GetValue(_code)!.Trim();
        var directory = DataDirectory.Resolve(parse.GetValue(GlobalOptions.Data));
        var node = new NodeOptions
        {
            Code = code,
            Name = parse.GetValue(_name)!.Trim(),
            Level = parse.GetValue(_level) ?? NodeConfigFile.DefaultLevel(code),
            Parent = parse.GetValue(_parent) ?? string.Empty,
            Listen = parse.GetValue(_listen) ?? (code.Length == 6 ? $"http://127.0.0.1:5{code[2..]}" : string.Empty),
        };
        var problems = new NodeOptionsValidator().Validate(node);
        if (!problems.IsValid)
        {
            foreach (var problem in problems.Errors)
            {
                error.WriteLine($"init: {problem.PropertyName.Replace("Node:", "--", StringComparison.Ordinal).ToLowerInvariant()}: {problem.ErrorMessage}");
            }

            return ExitCodes.Usage;
        }

        if (File.Exists(NodeConfigFile.PathIn(directory)) || File.Exists(Path.Combine(directory, NodeStore.DatabaseFileName)))
        {
            error.WriteLine($"init: {directory} 中已有节点，不会覆盖 (a node already exists there; choose another --data folder)");
            return ExitCodes.Usage;
        }

        Directory.CreateDirectory(directory);
        NodeConfigFile.Write(directory, node);
        using (NodeSession.Open(directory, TimeProvider.System))
        {
            // Opening creates the store and records which node it belongs to.
        }

        output.WriteLine($"已创建节点 {node.Code} {node.Name} ({node.Level}) — node created");
        output.WriteLine($"  config: {NodeConfigFile.PathIn(directory)}");
        output.WriteLine($"  store:  {Path.Combine(directory, NodeStore.DatabaseFileName)}");
        output.WriteLine($"  listen: {(node.Listen.Length > 0 ? node.Listen : "(admin socket only)")}");
        if (node.Parent.Length > 0)
        {
            output.WriteLine($"  parent: {node.Parent}");
        }

        return ExitCodes.Done;
    }
}
