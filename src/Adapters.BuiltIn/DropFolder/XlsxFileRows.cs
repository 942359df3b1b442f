namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The data rows of an <c>.xlsx</c> export: the first sheet, its first non-empty row the header,
/// each row numbered as the sheet numbers it; cells as invariant text, dates as ISO 8601.
/// </summary>
internal static class XlsxFileRows
{
    public static IEnumerable<DropFileRow> Read(string path)
    {
        using var sheet = XlsxSheetReader.Open(path);
        DropFileHeader? header = null;
        while (sheet.Read())
        {
            var cells = sheet.Cells;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                (header, var problem) = DropFileHeader.From(cells);
                if (problem is not null)
                {
                    yield return DropFileRow.Broken(sheet.RowNumber, problem);
                    yield break;
                }

                continue;
            }

            yield return new DropFileRow(sheet.RowNumber, header.Name(cells));
        }
    }
}
