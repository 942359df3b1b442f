using ExchangeNode.Adapters.BuiltIn.Text;
using ExchangeNode.NodeAgent.Validation;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// Streams JSON Lines files whose every non-empty line is the proto3 JSON form of one record
/// (a <c>Power</c>, a <c>CaseEvent</c>). Unknown fields are refused, not dropped.
/// </summary>
internal static class JsonLinesReader
{
    private static readonly JsonParser StrictParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>One row per non-empty line; a line that does not parse gives a row without a record.</summary>
    public static IEnumerable<ImportRow<T>> Read<T>(TextReader reader, string fileName)
        where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        return ReadIterator<T>(reader, fileName);
    }

    /// <summary>Opens, decodes (see <see cref="TextFileDecoder"/>) and streams a file.</summary>
    public static IEnumerable<ImportRow<T>> ReadFile<T>(string path, string? encodingName = null)
        where T : class, IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFileIterator<T>(path, encodingName);
    }

    private static IEnumerable<ImportRow<T>> ReadFileIterator<T>(string path, string? encodingName)
        where T : class, IMessage<T>, new()
    {
        using var reader = TextFileDecoder.OpenReader(path, encodingName);
        foreach (var row in ReadIterator<T>(reader, Path.GetFileName(path)))
        {
            yield return row;
        }
    }

    private static IEnumerable<ImportRow<T>> ReadIterator<T>(TextReader reader, string fileName)
        where T : class, IMessage<T>, new()
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var source = $"{fileName}:{lineNumber}";
            T? record = null;
            string? error = null;
            try
            {
                record = StrictParser.Parse<T>(line);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
            {
                error = $"无法解析为 {typeof(T).Name}：{ex.Message} (not the proto3 JSON of a {typeof(T).Name})";
            }

            yield return error is null
                ? new ImportRow<T>(source, line, record, [])
                : new ImportRow<T>(source, line, null, [new FieldProblem(FieldProblem.LineField(lineNumber), error, IsWarning: false)]);
        }
    }
}
