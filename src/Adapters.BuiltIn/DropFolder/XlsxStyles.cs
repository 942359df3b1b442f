using System.Globalization;
using System.Xml;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// What each cell style of a workbook (<c>xl/styles.xml</c>, <c>cellXfs</c>) makes of a number:
/// the number itself, a date and time, or a time span.
/// </summary>
internal sealed class XlsxStyles
{
    private readonly NumberKind[] _kinds;

    private XlsxStyles(NumberKind[] kinds) => _kinds = kinds;

    /// <summary>How a number under a style reads as text.</summary>
    /// <remarks>
    /// The built-in time formats read as time spans and custom time formats (<c>hh:mm</c>) as dates,
    /// as the drop folder has always read them, so the text of an export does not change under a
    /// mapping built on it; a custom time format's number may carry a date, too.
    /// </remarks>
    public enum NumberKind
    {
        /// <summary>The number, as invariant text.</summary>
        Number,

        /// <summary>A date, with its time of day unless midnight (<c>yyyy-MM-dd</c>, <c>yyyy-MM-dd'T'HH:mm:ss</c>).</summary>
        DateTime,

        /// <summary>A time span (<c>[d.]hh:mm:ss</c>): the built-in time formats and elapsed times such as <c>[h]:mm</c>.</summary>
        TimeSpan,
    }

    /// <summary>A workbook without styles: every number is a number.</summary>
    public static XlsxStyles None { get; } = new([]);

    /// <summary>The kind of each <c>cellXfs</c> entry of a styles part.</summary>
    public static XlsxStyles Read(XmlReader xml)
    {
        var codes = new Dictionary<int, string>();
        var formatIds = new List<int>();
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            switch (xml.LocalName)
            {
                case "numFmt":
                    if (Integer(xml.GetAttribute("numFmtId")) is { } id && xml.GetAttribute("formatCode") is { } code)
                    {
                        codes[id] = code;
                    }

                    xml.Skip();
                    break;
                case "cellXfs" when !xml.IsEmptyElement:
                    // Only the xf entries directly inside cellXfs: cellStyleXfs holds xf entries too.
                    var depth = xml.Depth;
                    xml.Read();
                    while (xml.Depth > depth)
                    {
                        if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "xf")
                        {
                            formatIds.Add(Integer(xml.GetAttribute("numFmtId")) ?? 0);
                            xml.Skip();
                        }
                        else if (xml.NodeType == XmlNodeType.Element)
                        {
                            xml.Skip();
                        }
                        else
                        {
                            xml.Read();
                        }
                    }

                    break;
                default:
                    xml.Read();
                    break;
            }
        }

        return new XlsxStyles(formatIds.Select(id => codes.TryGetValue(id, out var code) ? OfCode(code) : OfBuiltIn(id)).ToArray());
    }

    /// <summary>The kind of the style a cell's <c>s</c> attribute names; an unknown index is a number.</summary>
    public NumberKind Of(int style) => (uint)style < (uint)_kinds.Length ? _kinds[style] : NumberKind.Number;

    /// <summary>The kind of a built-in number format (ECMA-376 Part 1, 18.8.30), which a workbook names by id alone.</summary>
    public static NumberKind OfBuiltIn(int id) => id switch
    {
        >= 14 and <= 17 or 22 => NumberKind.DateTime,
        >= 18 and <= 21 or >= 45 and <= 47 => NumberKind.TimeSpan,

        // The East Asian built-ins (zh-CN: yyyy"年"m"月"d"日", h"时"mm"分" ...) carry no code in the workbook.
        >= 27 and <= 36 or >= 50 and <= 58 => NumberKind.DateTime,
        _ => NumberKind.Number,
    };

    /// <summary>
    /// The kind of a custom format code: a date or time when a y, m, d, h or s stands
    /// outside quoted text, escapes and [...] sections (colours, conditions, locales); a time span
    /// when it counts elapsed time ([h], [mm], [ss]).
    /// </summary>
    public static NumberKind OfCode(string code)
    {
        var dateOrTime = false;
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    i = code.IndexOf('"', i + 1) is var close and >= 0 ? close : code.Length;
                    break;
                case '\\' or '_' or '*':
                    // An escaped character, the width of a character, a fill character: all literal.
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1) is var found and >= 0 ? found : code.Length;
                    if (IsElapsed(code.AsSpan(i + 1, end - i - 1)))
                    {
                        return NumberKind.TimeSpan;
                    }

                    i = end;
                    break;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    dateOrTime = true;
                    break;
            }
        }

        return dateOrTime ? NumberKind.DateTime : NumberKind.Number;
    }

    private static bool IsElapsed(ReadOnlySpan<char> inside) =>
        inside.Length > 0
        && char.ToLowerInvariant(inside[0]) is 'h' or 'm' or 's'
        && !inside.ContainsAnyExcept(inside[0]);

    /// <summary>An attribute's whole number (a format id, a style's format); null when it is not one.</summary>
    private static int? Integer(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
