using System.Buffers;
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
    // What ends a piece of plain text outside quotes, and inside them.
    private static readonly SearchValues<char> Unquoted = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> InQuotes = SearchValues.Create("\"\r\n");

    /// <summary>Reads every record of <paramref name="reader"/>, one at a time.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader);
    }

    private static IEnumerable<CsvRecord> ReadIterator(TextReader reader)
    {
        var text = new Chars(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        var line = 1;
        var recordStart = 1;
        var inQuotes = false;
        var fieldQuoted = false;
        while (text.More())
        {
            // The text up to the next character that means something is taken in one piece.
            text.TakeUntil(inQuotes ? InQuotes : Unquoted, field, raw);
            if (!text.More())
            {
                break;
            }

            var ch = text.Next();
            if (inQuotes)
            {
                if (ch == '"')
                {
                    raw.Append('"');
                    if (text.NextIs('"'))
                    {
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
                    // A line break inside quotes is part of the field.
                    field.Append(ch);
                    raw.Append(ch);
                    if (ch == '\r' && text.NextIs('\n'))
                    {
                        field.Append('\n');
                        raw.Append('\n');
                    }

                    line++;
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
                    if (ch == '\r')
                    {
                        text.NextIs('\n');
                    }

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
                    // A quote inside an unquoted field, or after a closing one, is text.
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

    /// <summary>
    /// The text read a block at a time: a character at a time through <see cref="TextReader.Read()"/>
    /// and <see cref="TextReader.Peek"/> cost two calls and two appends a character, most of a CSV
    /// export's reading.
    /// </summary>
    private sealed class Chars(TextReader reader)
    {
        private readonly char[] _buffer = new char[16 * 1024];
        private int _at;
        private int _end;

        /// <summary>True while there is text left (reads the next block when this one is done).</summary>
        public bool More()
        {
            if (_at < _end)
            {
                return true;
            }

            _end = reader.Read(_buffer, 0, _buffer.Length);
            _at = 0;
            return _end > 0;
        }

        /// <summary>The next character (after <see cref="More"/> said there is one).</summary>
        public char Next() => _buffer[_at++];

        /// <summary>Takes the next character when it is <paramref name="ch"/>.</summary>
        public bool NextIs(char ch)
        {
            if (More() && _buffer[_at] == ch)
            {
                _at++;
                return true;
            }

            return false;
        }

        /// <summary>Appends to both builders the text up to the next of <paramref name="stops"/> (or the end), which it leaves unread.</summary>
        public void TakeUntil(SearchValues<char> stops, StringBuilder field, StringBuilder raw)
        {
            while (More())
            {
                var rest = _buffer.AsSpan(_at, _end - _at);
                var stop = rest.IndexOfAny(stops);
                var taken = stop < 0 ? rest : rest[..stop];
                field.Append(taken);
                raw.Append(taken);
                _at += taken.Length;
                if (stop >= 0)
                {
                    return;
                }
            }
        }
    }
}
