using System.Text;
using ExchangeNode.Adapters.BuiltIn.Text;
using Xunit;

namespace ExchangeNode.NodeAgent.Tests.Text;

/// <summary>
/// The reader takes its text a block at a time; these hold it to the reading of one character at
/// a time it replaced (kept here as the reference), on texts of the characters that matter, long
/// enough to cut quotes, doubled quotes and CRLF pairs at every block boundary.
/// </summary>
public sealed class CsvReaderBlockTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Read_RandomTextsOfQuotesCommasAndLineBreaks_AsCharacterByCharacter(int seed)
    {
        var random = new Random(seed);
        const string alphabet = "ab中,,\"\"\"\r\n\n ";
        for (var n = 0; n < 20; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 40_000);
            for (var i = 0; i < length; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertSameAsReference(text.ToString());
        }
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\"\"")]
    [InlineData("\"\r\n")]
    [InlineData("\",")]
    public void Read_PairCutAtTheBlockBoundary_ReadsAsOne(string pair)
    {
        // The reader's block is 16,384 characters: the pair's first character ends the first block.
        for (var before = 16_380; before <= 16_386; before++)
        {
            var quoted = "\"" + new string('x', before - 1) + pair + "y,z\r\n1,2\n";
            var plain = new string('x', before) + pair + "y,z\r\n1,2\n";
            AssertSameAsReference(quoted);
            AssertSameAsReference(plain);
        }
    }

    private static void AssertSameAsReference(string text)
    {
        var expected = Reference(new StringReader(text)).ToList();
        var actual = CsvReader.Read(new StringReader(text)).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].LineNumber, actual[i].LineNumber);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
            Assert.Equal(expected[i].Raw, actual[i].Raw);
            Assert.Equal(expected[i].Error, actual[i].Error);
        }
    }

    /// <summary>The reader as it was: one character at a time through Read and Peek.</summary>
    private static IEnumerable<CsvRecord> Reference(TextReader reader)
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
                    if (ch is '\r' or '\n')
                    {
                        if (ch == '\r' && reader.Peek() == '\n')
                        {
                            reader.Read();
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
                    if (ch == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
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
}
