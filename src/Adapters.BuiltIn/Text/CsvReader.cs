using System.Text;

namespace ExchangeNode.Adapters.BuiltIn.Text;

/// <summary>
/// Streams RFC 4180 records from text: comma separated, fields optionally in double quotes,
/// with embedded commas, doubled quotes and line breaks (CRLF, LF or a lone CR) inside quotes.
/// </summary>
/// <remarks>
/// Empty lines are skipped. Lenient where exports are sloppy and nothing is lost: a quote in
/// the middle of an unquoted field, or text after a closing quote, is kept as text. An
/// unterminated quote cannot be recovered from, so it ends the file with one record that
/// carries the <see cref="CsvRecord.Error"/>.
/// </remarks>
public static class CsvReader
{
    /// <summary>Reads every record of <paramref name="reader"/>, one at a time.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="keepRaw">
    /// Whether each record keeps its original text (<see cref="CsvRecord.Raw"/>, empty if not):
    /// the import commands quarantine a bad row as it was written, while an adapter's quarantine
    /// keeps the row's fields, and copying every character a second time cost the drop folder
    /// about a fifth of its reading.
    /// </param>
    public static IEnumerable<CsvRecord> Read(TextReader reader, bool keepRaw = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, keepRaw ? new StringBuilder() : null);
    }

    private static IEnumerable<CsvRecord> ReadIterator(TextReader reader, StringBuilder? raw)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var started = false;
        var line = 1;
        var recordStart = 1;
        var inQuotes = false;
        var fieldQuoted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var ch = (char)next;
            started |= inQuotes || ch is not ('\r' or '\n');
            if (inQuotes)
            {
                if (ch == '"')
                {
                    raw?.Append('"');
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        raw?.Append('"');
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                    raw?.Append(ch);
                    if (IsLineBreak(ch, reader, out var isCrLf))
                    {
                        if (isCrLf)
                        {
                            field.Append('\n');
                            raw?.Append('\n');
                        }

                        line++;
                    }
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldQuoted:
                    inQuotes = true;
                    fieldQuoted = true;
                    raw?.Append(ch);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldQuoted = false;
                    raw?.Append(ch);
                    break;
                case '\r' or '\n':
                    IsLineBreak(ch, reader, out _);
                    if (started)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordStart, fields.ToArray(), Text(raw));
                    }

                    fields.Clear();
                    field.Clear();
                    raw?.Clear();
                    started = false;
                    fieldQuoted = false;
                    line++;
                    recordStart = line;
                    break;
                default:
                    field.Append(ch);
                    raw?.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(
                recordStart,
                fields.ToArray(),
                Text(raw),
                $"第{recordStart}行开始的引号字段到文件末尾仍未结束 (quoted field starting at line {recordStart} is never closed)");
        }
        else if (started)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordStart, fields.ToArray(), Text(raw));
        }
    }

    private static string Text(StringBuilder? raw) => raw?.ToString() ?? string.Empty;

    // Consumes the LF of a CRLF pair; true for any line break.
    private static bool IsLineBreak(char ch, TextReader reader, out bool isCrLf)
    {
        isCrLf = false;
        if (ch == '\r')
        {
            if (reader.Peek() == '\n')
            {
                reader.Read();
                isCrLf = true;
            }

            return true;
        }

        return ch == '\n';
    }
}
