using System.Globalization;
using MiniExcelLibs;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The data rows of an <c>.xlsx</c> export: the first sheet, its first non-empty row the header,
/// each row numbered as the sheet numbers it; cells as invariant text, dates as ISO 8601.
/// </summary>
internal static class XlsxFileRows
{
    public static IEnumerable<DropFileRow> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        DropFileHeader? header = null;
        var number = 0;

        // Without a header row MiniExcel keys cells by column letter and yields empty rows too,
        // so the count is the sheet's row number.
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            var cells = row.Values.Select(Text).ToList();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                (header, var problem) = DropFileHeader.From(cells);
                if (problem is not null)
                {
                    yield return DropFileRow.Broken(number, problem);
                    yield break;
                }

                continue;
            }

            yield return new DropFileRow(number, header.Name(cells));
        }
    }

    /// <summary>A cell as the text a CSV export of it would hold, independent of the machine's culture.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
