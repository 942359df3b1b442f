using System.CommandLine;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node child list</c>.</summary>
internal sealed class ChildListCommand : Command
{
    private readonly Option<bool> _json = GlobalOptions.Json();

    public ChildListCommand(ISessionSource sessions)
        : base("list", "List registered child nodes")
    {
        Options.Add(_json);
        SetAction(parse => CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var children = session.Children.List();
            if (parse.GetValue(_json))
            {
                JsonOutput.Write(output, children.Select(c => new
                {
                    code = c.Code,
                    name = c.Name,
                    addedAt = c.AddedAt,
                    removedAt = c.RemovedAt,
                    lastContact = c.LastContact,
                    reportedBacklog = c.ReportedBacklog,
                }).ToList());
                return ExitCodes.Done;
            }

            foreach (var c in children)
            {
                output.WriteLine($"{c.Code}  {c.Name,-8} added {c.AddedAt:yyyy-MM-dd HH:mm}Z  last contact {(c.LastContact is { } t ? $"{t:yyyy-MM-dd HH:mm}Z" : "never")}{(c.Active ? string.Empty : $"  REMOVED {c.RemovedAt:yyyy-MM-dd}")}");
            }

            output.WriteLine($"{children.Count} child node(s)");
            return ExitCodes.Done;
        }));
    }
}
