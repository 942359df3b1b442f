using ExchangeNode.Adapters.BuiltIn.Text;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>Streams the rows of a power CSV: a header row, then one power per record.</summary>
/// <remarks>
/// A header with problems gives one row (for the header line, without a record) and ends the
/// file: every row would lose the unknown column's data. Records whose cells are all blank
/// (the ",,,," lines spreadsheet exports leave) are skipped like empty lines.
/// </remarks>
internal static class PowerCsvReader
{
    /// <summary>One row per record; <paramref name="fileName"/> names the source in each row's reference.</summary>
    public static IEnumerable<ImportRow<Power>> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        return ReadIterator(reader, fileName);
    }

    /// <summary>Opens, decodes (see <see cref="TextFileDecoder"/>) and streams a file.</summary>
    public static IEnumerable<ImportRow<Power>> ReadFile(string path, string? encodingName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileIterator(path, encodingName);
    }

    private static IEnumerable<ImportRow<Power>> ReadFileIterator(string path, string? encodingName)
    {
        using var reader = TextFileDecoder.OpenReader(path, encodingName);
        foreach (var row in ReadIterator(reader, Path.GetFileName(path)))
        {
            yield return row;
        }
    }

    private static IEnumerable<ImportRow<Power>> ReadIterator(TextReader reader, string fileName)
    {
        PowerCsvMapper? mapper = null;
        foreach (var record in CsvReader.Read(reader))
        {
            var source = $"{fileName}:{record.LineNumber}";
            if (record.Error is not null)
            {
                yield return new ImportRow<Power>(
                    source,
                    record.Raw,
                    null,
                    [new FieldProblem(FieldProblem.LineField(record.LineNumber), record.Error, IsWarning: false)]);
                yield break;
            }

            if (mapper is null)
            {
                mapper = PowerCsvMapper.FromHeader(record.Fields);
                if (mapper.HeaderProblems.Count > 0)
                {
                    yield return new ImportRow<Power>(source, record.Raw, null, mapper.HeaderProblems);
                    yield break;
                }

                continue;
            }

            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var problems = new List<FieldProblem>();
            var power = mapper.Map(record.Fields, problems);
            yield return new ImportRow<Power>(source, record.Raw, ValidationFailures.HasErrors(problems) ? null : power, problems);
        }
    }
}
