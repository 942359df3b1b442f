using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// The rows of an <c>.xlsx</c> workbook's first sheet, one at a time as the sheet XML unzips: each
/// numbered as the sheet numbers it, its cells as text placed by their column letters.
/// </summary>
/// <remarks>
/// Cell text: shared and inline strings as written, numbers as invariant text, booleans as
/// <c>true</c>/<c>false</c>, errors as their code (<c>#N/A</c>), and a number whose style is a date
/// format as ISO 8601 (<c>yyyy-MM-dd</c>, or <c>yyyy-MM-dd'T'HH:mm:ss</c> when it has a time of day).
/// Every row holds at least as many cells as the sheet's dimension and the widest row before it,
/// so a row's empty trailing cells are there, as empty text. A file that is not a workbook, or a
/// part of it that is missing or broken, gives an <see cref="InvalidDataException"/> naming the part:
/// a sheet part that is empty, not XML or cut short, or that has a row of more than 64 MiB of XML
/// (<see cref="XlsxSheetData.DefaultMaxRowBytes"/>), is broken, never a sheet with fewer rows.
/// </remarks>
internal sealed partial class XlsxSheetReader : IDisposable
{
    private const string WorkbookPart = "xl/workbook.xml";
    private const string WorkbookRelationshipsPart = "xl/_rels/workbook.xml.rels";
    private const double FirstOADate = -657435.0;
    private const double LastOADate = 2958466.0;

    // The first bytes of an OLE compound file: an encrypted workbook, or an old .xls renamed.
    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly ZipArchive _zip;
    private readonly string _sheetPart;
    private readonly Names _names;
    private readonly string[] _sharedStrings;
    private readonly XlsxStyles _styles;
    private readonly XlsxSheetData _sheet;
    private int _width;

    private XlsxSheetReader(ZipArchive zip, int maxRowBytes)
    {
        _zip = zip;
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            parts.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }

        var table = new NameTable();
        _names = new Names(table);
        var sheetId = ReadPart(parts, WorkbookPart, table, FirstSheetId)
            ?? throw new InvalidDataException($"{WorkbookPart}: 工作簿中没有工作表 (the workbook has no sheet)");
        var relationships = ReadPart(parts, WorkbookRelationshipsPart, table, Relationships);
        _sheetPart = relationships.TryGetValue(sheetId, out var sheet)
            ? sheet.Target
            : throw new InvalidDataException($"{WorkbookRelationshipsPart}: 找不到第一个工作表 \"{sheetId}\" (no part for the first sheet, \"{sheetId}\")");
        var strings = TargetOf(relationships, "/sharedStrings") ?? "xl/sharedStrings.xml";
        _sharedStrings = parts.ContainsKey(strings) ? ReadPart(parts, strings, table, xml => SharedStrings(xml, _names)) : [];
        var styles = TargetOf(relationships, "/styles") ?? "xl/styles.xml";
        _styles = parts.ContainsKey(styles) ? ReadPart(parts, styles, table, XlsxStyles.Read) : XlsxStyles.None;

        try
        {
            // Inflated on the reading thread, as its rows are read: with the records mapped and
            // committed on the other threads, a thread of its own for the inflating cost more than
            // it gave (docs/benchmarks.md, adapters, tenth session).
            _sheet = XlsxSheetData.Open(OpenEntry(parts, _sheetPart), maxRowBytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException)
        {
            throw Unreadable(_sheetPart, ex);
        }

        _width = _sheet.Width;
    }

    /// <summary>The sheet's number of the row <see cref="Read"/> moved to.</summary>
    public int RowNumber { get; private set; }

    /// <summary>The cells of the row <see cref="Read"/> moved to, from column A: a new array each row, never changed after (the drop folder keeps it as the row's values).</summary>
    public IReadOnlyList<string> Cells { get; private set; } = [];

    /// <summary>Opens the workbook at <paramref name="path"/> at its first sheet, before the first row.</summary>
    /// <param name="path">The workbook.</param>
    /// <param name="maxRowBytes">The most bytes of the sheet's XML one row may take (a row is read whole; at least 1 KiB); tests set fewer.</param>
    /// <exception cref="InvalidDataException">The file is not an .xlsx workbook, or a part it needs is missing or broken.</exception>
    public static XlsxSheetReader Open(string path, int maxRowBytes = XlsxSheetData.DefaultMaxRowBytes)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            var compound = StartsWith(file, CompoundFileSignature);
            file.Dispose();
            throw new InvalidDataException(
                compound
                    ? "不是 .xlsx 工作簿：这是加密的工作簿或旧版 .xls 文件 (not an .xlsx workbook: an encrypted workbook, or an old .xls file)"
                    : $"不是 .xlsx 工作簿：不是 zip 压缩包 (not an .xlsx workbook: not a zip archive): {ex.Message}",
                ex);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        try
        {
            return new XlsxSheetReader(zip, maxRowBytes);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the sheet's next row that has an element (rows the sheet leaves out are not read); false after the last.</summary>
    /// <exception cref="InvalidDataException">The sheet's XML is broken.</exception>
    public bool Read()
    {
        try
        {
            return ReadRow();
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException)
        {
            throw Unreadable(_sheetPart, ex);
        }
    }

    public void Dispose()
    {
        _sheet.Dispose();
        _zip.Dispose();
    }

    // Optimized at once: in tier 0 the first tens of thousands of rows cost twice as much.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRow()
    {
        if (!_sheet.ReadRow(out var number))
        {
            return false;
        }

        // A row without its number follows the one before; numbers only go up, so a resumed
        // read skips exactly the rows committed before.
        RowNumber = Math.Max(number ?? 0, RowNumber + 1);

        // A new array each row, as wide as the rows before: the drop folder keeps it as the row's
        // values (DropFileHeader.Name), with no copy.
        var cells = _width == 0 ? [] : new string[_width];
        var count = 0;
        var column = -1;
        while (_sheet.ReadCell(out var reference, out var type, out var style))
        {
            // A cell without its reference follows the one before.
            column = reference ?? column + 1;
            if (column >= cells.Length)
            {
                Array.Resize(ref cells, Math.Max(column + 1, 2 * cells.Length));
            }

            while (count < column)
            {
                cells[count++] = string.Empty;
            }

            cells[column] = Text(type, style);
            count = Math.Max(count, column + 1);
        }

        while (count < _width)
        {
            cells[count++] = string.Empty;
        }

        if (count < cells.Length)
        {
            Array.Resize(ref cells, count);
        }

        _width = count;
        Cells = cells;
        return true;
    }

    private string Text(string? type, int style)
    {
        // A shared string's index read from the sheet's bytes: the table's own string, and no text made of the index.
        if (type == "s" && _sheet.ValueDigits() is var shared and >= 0)
        {
            return (uint)shared < (uint)_sharedStrings.Length ? _sharedStrings[shared] : string.Empty;
        }

        var raw = _sheet.Value();
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.Any, CultureInfo.InvariantCulture, out var index) && (uint)index < (uint)_sharedStrings.Length
                    ? _sharedStrings[index]
                    : string.Empty;
            case "str" or "inlineStr":
                return Decode(raw);
            case "b":
                return raw == "1" ? "true" : "false";
            case "e":
                return raw;
            case "d":
                return DateTime.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out var date)
                    ? DateText(date)
                    : raw;
            default:
                return NumberText(raw, _styles.Of(style));
        }
    }

    private static string NumberText(string raw, XlsxStyles.NumberKind kind)
    {
        if (kind == XlsxStyles.NumberKind.Number && IsPlainInteger(raw))
        {
            return raw;
        }

        if (!double.TryParse(raw, NumberStyles.Any, CultureInfo.InvariantCulture, out var number))
        {
            return raw;
        }

        // A number outside what a date or a time span can hold stays the number.
        return kind switch
        {
            XlsxStyles.NumberKind.DateTime when number is > FirstOADate and < LastOADate => DateText(DateTime.FromOADate(number)),
            XlsxStyles.NumberKind.TimeSpan when Math.Abs(number) < TimeSpan.MaxValue.TotalDays => TimeSpan.FromDays(number).ToString("c", CultureInfo.InvariantCulture),
            _ => number.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Digits without a leading zero, few enough that a double holds them and prints them back unchanged.</summary>
    private static bool IsPlainInteger(string raw) =>
        raw.Length is > 0 and <= 15 && (raw[0] != '0' || raw.Length == 1) && !raw.AsSpan().ContainsAnyExceptInRange('0', '9');

    private static string DateText(DateTime date) => date.TimeOfDay == TimeSpan.Zero
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A string with its <c>_xHHHH_</c> escapes decoded: how a workbook carries characters XML
    /// cannot, such as a carriage return (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
    /// </summary>
    private static string Decode(string text)
    {
        if (!text.Contains('_', StringComparison.Ordinal))
        {
            return text;
        }

        // XmlConvert also decodes an upper-case _XHHHH_; Excel writes lower case only, so the upper case is text.
        if (text.Contains("_X", StringComparison.Ordinal))
        {
            text = UpperCaseEscape().Replace(text, "_x005F_$1_");
        }

        return XmlConvert.DecodeName(text);
    }

    [GeneratedRegex("_(X[0-9A-Fa-f]{4})_")]
    private static partial Regex UpperCaseEscape();

    /// <summary>The text of a string item (si) or inline string (is): its t, or its runs' t, not its phonetic reading (rPh).</summary>
    private static string ReadText(XmlReader xml, Names names)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return string.Empty;
        }

        var depth = xml.Depth;
        string? first = null;
        StringBuilder? runs = null;
        xml.Read();
        while (xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
            }
            else if (ReferenceEquals(xml.LocalName, names.Text))
            {
                var text = xml.ReadElementContentAsString();
                if (first is null)
                {
                    first = text;
                }
                else
                {
                    (runs ??= new StringBuilder(first)).Append(text);
                }
            }
            else if (ReferenceEquals(xml.LocalName, names.Run) && !xml.IsEmptyElement)
            {
                // Into the run, for its t; its properties (rPr) are skipped as any other element.
                xml.Read();
            }
            else
            {
                xml.Skip();
            }
        }

        xml.Read();
        return runs?.ToString() ?? first ?? string.Empty;
    }

    private static string[] SharedStrings(XmlReader xml, Names names)
    {
        var strings = new List<string>();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && ReferenceEquals(xml.LocalName, names.StringItem))
            {
                strings.Add(Decode(ReadText(xml, names)));
            }
            else
            {
                xml.Read();
            }
        }

        return [.. strings];
    }

    /// <summary>The relationship id (r:id) of the workbook's first sheet, or null when it lists none.</summary>
    private static string? FirstSheetId(XmlReader xml)
    {
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
            {
                while (xml.MoveToNextAttribute())
                {
                    if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0)
                    {
                        return xml.Value;
                    }
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>The workbook's relationships by id: their type and the part they point to, as a path inside the zip.</summary>
    private static Dictionary<string, (string Type, string Target)> Relationships(XmlReader xml)
    {
        var relationships = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
            {
                relationships.TryAdd(id, (xml.GetAttribute("Type") ?? string.Empty, PartOf(target)));
            }
        }

        return relationships;
    }

    /// <summary>The part of the workbook's relationship of a type (its URI ends with <paramref name="type"/>: transitional or strict); null when it has none.</summary>
    private static string? TargetOf(Dictionary<string, (string Type, string Target)> relationships, string type) =>
        relationships.Values.Where(r => r.Type.EndsWith(type, StringComparison.Ordinal)).Select(r => r.Target).FirstOrDefault();

    /// <summary>A relationship target as a path inside the zip: absolute (/xl/worksheets/sheet1.xml), or relative to xl/.</summary>
    private static string PartOf(string target)
    {
        var path = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        foreach (var segment in (path.StartsWith('/') ? path : "xl/" + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private static T ReadPart<T>(Dictionary<string, ZipArchiveEntry> parts, string part, XmlNameTable table, Func<XmlReader, T> read)
    {
        using var xml = OpenPart(parts, part, table);
        try
        {
            return read(xml);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw Unreadable(part, ex);
        }
    }

    private static XmlReader OpenPart(Dictionary<string, ZipArchiveEntry> parts, string part, XmlNameTable table) =>
        XmlReader.Create(OpenEntry(parts, part), new XmlReaderSettings
        {
            NameTable = table,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            DtdProcessing = DtdProcessing.Prohibit,
            CloseInput = true,
        });

    private static Stream OpenEntry(Dictionary<string, ZipArchiveEntry> parts, string part)
    {
        if (!parts.TryGetValue(part, out var entry))
        {
            throw new InvalidDataException($"{part}: 不是 .xlsx 工作簿，缺少此部分 (not an .xlsx workbook: this part is missing)");
        }

        try
        {
            return entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw Unreadable(part, ex);
        }
    }

    private static InvalidDataException Unreadable(string part, Exception ex) =>
        new($"{part}: 无法读取 (cannot be read): {ex.Message}", ex);

    private static bool StartsWith(FileStream file, ReadOnlySpan<byte> signature)
    {
        Span<byte> head = stackalloc byte[signature.Length];
        file.Position = 0;
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(signature);
    }

    /// <summary>The element names of the shared strings, as the reader's name table holds them: compared by reference.</summary>
    private sealed class Names(XmlNameTable table)
    {
        public string StringItem { get; } = table.Add("si");

        public string Run { get; } = table.Add("r");

        public string Text { get; } = table.Add("t");
    }
}
