using ExchangeNode.Adapters.BuiltIn.Text;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>The data rows of a CSV export (UTF-8 with or without BOM, or GB18030), numbered by the physical line each starts on.</summary>
internal static class CsvFileRows
{
    public static IEnumerable<DropFileRow> Read(string path, string? encodingName)
    {
        using var reader = TextFileDecoder.OpenReader(path, encodingName);
        DropFileHeader? header = null;
        // The quarantine keeps a bad row's fields, not its text.
        foreach (var record in CsvReader.Read(reader, keepRaw: false))
        {
            if (record.Error is not null)
            {
                yield return DropFileRow.Broken(record.LineNumber, record.Error);
                yield break;
            }

            if (header is null)
            {
                (header, var problem) = DropFileHeader.From(record.Fields);
                if (problem is not null)
                {
                    yield return DropFileRow.Broken(record.LineNumber, problem);
                    yield break;
                }

                continue;
            }

            // The ",,,," lines spreadsheet exports leave are not rows.
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return new DropFileRow(record.LineNumber, header.Name(record.Fields));
        }
    }
}
