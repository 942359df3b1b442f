using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.Identifiers;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

namespace ExchangeNode.NodeAgent.Tests.Ledger;

/// <summary>
/// A node in a temp folder, as <c>exchange-node init</c> leaves it: node.json written, the
/// store opened through <see cref="NodeSession"/>, the clock a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class TestNode : IDisposable
{
    public const string CountyCode = "320321";

    private readonly TempDirectory _folder = new();
    private NodeSession? _session;

    private TestNode(string code, NodeLevel level)
    {
        Code = code;
        NodeConfigFile.Write(DataDirectory, new NodeOptions { Code = code, Name = "测试节点", Level = level });
        _session = NodeSession.Open(DataDirectory, Time);
    }

    public string Code { get; }

    public string DataDirectory => _folder.Path;

    public string DatabasePath => Path.Combine(DataDirectory, NodeStore.DatabaseFileName);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 6, 1, 0, 0, TimeSpan.Zero));

    public NodeSession Session => _session ?? throw new InvalidOperationException("The node is closed.");

    public static TestNode County() => new(CountyCode, NodeLevel.County);

    public static TestNode Create(string code, NodeLevel level) => new(code, level);

    public void Close()
    {
        _session?.Dispose();
        _session = null;
    }

    public void Reopen()
    {
        Close();
        _session = NodeSession.Open(DataDirectory, Time);
    }

    /// <summary>Closes the node, changes its file behind its back through LiteDB's own API, and opens it again.</summary>
    public void Tamper(Action<LiteDatabase> change)
    {
        Close();
        using (var database = new LiteDatabase(DatabasePath))
        {
            change(database);
        }

        _session = NodeSession.Open(DataDirectory, Time);
    }

    public VerifyReport Verify() => LedgerVerifier.Verify(Session.Store.Database, CancellationToken.None);

    public ImportSummary ImportPowers(params Power[] powers) =>
        Session.Importer.Import(
            "powers.jsonl",
            "power",
            Rows(powers),
            Session.Powers.Admit,
            p => p.DivisionCode,
            CancellationToken.None);

    public ImportSummary ImportCases(params CaseEvent[] events) =>
        Session.Importer.Import(
            "cases.jsonl",
            "case",
            Rows(events),
            Session.Cases.Admit,
            Session.Cases.JurisdictionOf,
            CancellationToken.None);

    /// <summary>Every document of every view, as LiteDB's JSON, collection by collection.</summary>
    public string DumpViews()
    {
        var database = Session.Store.Database;
        return string.Join(
            "\n",
            LedgerCollections.Views.Select(view => view + ":\n" + string.Join(
                "\n",
                database.GetCollection(view).FindAll().Select(doc => LiteDB.JsonSerializer.Serialize(doc)))));
    }

    public void Dispose()
    {
        Close();
        _folder.Dispose();
    }

    private static IEnumerable<ImportRow<T>> Rows<T>(IEnumerable<T> records)
        where T : class, IMessage =>
        records.Select((r, i) => new ImportRow<T>($"test:{i + 1}", JsonFormatter.Default.Format(r), r, Array.Empty<FieldProblem>()));
}
