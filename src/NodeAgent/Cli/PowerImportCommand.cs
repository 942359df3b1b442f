using System.CommandLine;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary><c>exchange-node power import FILE</c>: CSV (Chinese or field-name headers) or JSON Lines.</summary>
internal sealed class PowerImportCommand : Command
{
    private readonly Argument<string> _file = new("FILE") { Description = "A .csv file with a header row, or a .jsonl file of Power records" };
    private readonly Option<string?> _encoding = new("--encoding") { Description = "utf-8 or gb18030 (default: detected)" };
    private readonly Option<bool> _json = GlobalOptions.Json();

    public PowerImportCommand(ISessionSource sessions)
        : base("import", "Import power items; only approved items in this node's jurisdiction enter (Art. 24)")
    {
        Arguments.Add(_file);
        Options.Add(_encoding);
        Options.Add(_json);
        SetAction((parse, cancellationToken) => Task.FromResult(CommandRun.WithSession(parse, sessions, (session, output) =>
        {
            var path = ImportOutput.RequireFile(parse.GetValue(_file)!);
            var rows = RecordFiles.ReadPowers(path, parse.GetValue(_encoding));
            var summary = session.Importer.Import(
                Path.GetFileName(path),
                "power",
                rows,
                session.Powers.Admit,
                power => power.DivisionCode,
                cancellationToken);
            return ImportOutput.Write(summary, parse.GetValue(_json), output, parse.InvocationConfiguration.Error);
        })));
    }
}
