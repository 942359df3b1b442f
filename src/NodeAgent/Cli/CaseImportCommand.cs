using System.CommandLine;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node case import FILE</c>: JSON Lines of case events.</summary>
internal sealed class CaseImportCommand : Command
{
    private readonly Argument<string> _file = new("FILE") { Description = "A .jsonl file, one CaseEvent (proto3 JSON) per line" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public CaseImportCommand(ISessionSource sessions)
        : base("import", "Import case events; each must follow its case's legal order (Art. 30 to 33)")
    {
        Arguments.Add(_file);
        Options.Add(_json);
        SetAction((parse, cancellationToken) => Task.FromResult(CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var path = ImportOutput.RequireFile(parse.GetValue(_file)!);
            var summary = session.Importer.Import(
                Path.GetFileName(path),
                "case",
                RecordFiles.ReadCaseEvents(path),
                session.Cases.Admit,
                session.Cases.JurisdictionOf,
                cancellationToken);
            return ImportOutput.Write(summary, parse.GetValue(_json), output, parse.InvocationConfiguration.Error);
        })));
    }
}
