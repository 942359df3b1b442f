using ExchangeNode.Adapters.BuiltIn.Text;
using ExchangeNode.NodeAgent.Cases;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Tests.Validation;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Tests.Support;
using Google.Protobuf;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Import;

public sealed class JsonLinesReaderTests
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    [Fact]
    public void Read_PowerLines_RoundTripTheRecords()
    {
        var power = ValidRecords.Power();
        var text = Formatter.Format(power) + "\n\n" + Formatter.Format(power) + "\n";

        var rows = JsonLinesReader.Read<Power>(new StringReader(text), "powers.jsonl").ToList();

        Assert.Equal(["powers.jsonl:1", "powers.jsonl:3"], rows.Select(r => r.SourceReference));
        Assert.All(rows, r => Assert.Equal(power, r.Record));
        Assert.All(rows, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public void Read_LineThatDoesNotParse_GivesARowWithoutRecordNamingTheLine()
    {
        var good = Formatter.Format(ValidRecords.Power());
        var text = good + "\n{\"code\": \"X\",\n" + good + "\n";

        var rows = JsonLinesReader.Read<Power>(new StringReader(text), "powers.jsonl").ToList();

        var bad = rows[1];
        Assert.Equal(3, rows.Count);
        Assert.Null(bad.Record);
        Assert.Equal("{\"code\": \"X\",", bad.Raw);
        Assert.Equal(FieldProblem.LineField(2), Assert.Single(bad.Problems).Field);
        Assert.NotNull(rows[2].Record);
    }

    [Fact]
    public void Read_UnknownField_IsRefusedNotDropped()
    {
        var rows = JsonLinesReader.Read<Power>(new StringReader("{\"code\":\"X\",\"colour\":\"red\"}"), "p.jsonl").ToList();

        var problem = Assert.Single(Assert.Single(rows).Problems);
        Assert.Contains("colour", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CaseEventLines_ParseAndValidate()
    {
        var accepted = ValidRecords.Accepted(ValidRecords.Organisation());
        accepted.Acceptance.Counterpart.CreditCode = "91350100M000100Y44";
        var text = Formatter.Format(accepted) + "\n" + "{\"caseSerial\":\"S\",\"eventId\":\"2\",\"kind\":\"CASE_EVENT_KIND_OPINION\"}\n";

        var rows = JsonLinesReader.Read<CaseEvent>(new StringReader(text), "cases.jsonl")
            .Select(r => r.WithValidation(CaseBook.Check))
            .ToList();

        Assert.True(rows[0].IsAccepted);
        Assert.True(Assert.Single(rows[0].Problems).IsWarning);
        Assert.False(rows[1].IsAccepted);
        Assert.Equal(["occurred_at", "stance"], rows[1].Problems.Select(p => p.Field));
    }

    [Fact]
    public void ReadCaseEvents_Gb18030JsonLinesFile_DecodesAndNamesTheFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cases.ndjson");
        File.WriteAllBytes(path, TextFileDecoder.Resolve("gb18030").GetBytes(Formatter.Format(ValidRecords.Accepted()) + "\r\n"));

        var row = Assert.Single(RecordFiles.ReadCaseEvents(path));

        Assert.Equal("cases.ndjson:1", row.SourceReference);
        Assert.Equal("李四", row.Record!.Acceptance.Counterpart.Name);
    }

    [Theory]
    [InlineData("powers.jsonl")]
    [InlineData("powers.JSON")]
    [InlineData("powers.ndjson")]
    public void ReadPowers_JsonLinesExtensions_AreReadAsJsonLines(string name)
    {
        using var temp = new TempDirectory();
        var path = temp.File(name);
        File.WriteAllText(path, Formatter.Format(ValidRecords.Power()) + "\n");

        var row = Assert.Single(RecordFiles.ReadPowers(path));

        Assert.Equal(ValidRecords.Power(), row.Record);
    }

    [Fact]
    public void ReadPowers_UnknownExtension_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => RecordFiles.ReadPowers("powers.xlsx"));
    }

    [Fact]
    public void ReadCaseEvents_CsvFile_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => RecordFiles.ReadCaseEvents("cases.csv"));
    }
}
