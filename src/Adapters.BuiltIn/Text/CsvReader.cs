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
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader);
    }

    private static IEnumerable<CsvRecord> ReadIterator(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var inQuotes = false;
        var fieldQuoted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var ch = (char)next;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    raw.Append('"');
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        raw.Append('"');
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
                    raw.Append(ch);
                    if (IsLineBreak(ch, reader, out var isCrLf))
                    {
                        if (isCrLf)
                        {
                            field.Append('\n');
                            raw.Append('\n');
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
                    raw.Append(ch);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldQuoted = false;
                    raw.Append(ch);
                    break;
                case '\r' or '\n':
                    IsLineBreak(ch, reader, out _);
                    if (raw.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordStart, fields.ToArray(), raw.ToString());
                    }

                    fields.Clear();
                    field.Clear();
                    raw.Clear();
                    fieldQuoted = false;
                    line++;
                    recordStart = line;
                    break;
                default:
                    field.Append(ch);
                    raw.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(
                recordStart,
                fields.ToArray(),
                raw.ToString(),
                $"第{recordStart}行开始的引号字段到文件末尾仍未结束 (quoted field starting at line {recordStart} is never closed)");
        }
        else if (raw.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordStart, fields.ToArray(), raw.ToString());
        }
    }

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
