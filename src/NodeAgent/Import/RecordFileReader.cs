using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>Picks the reader for a file by its extension.</summary>
internal static class RecordFileReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static IEnumerable<ImportRow<Power>> ReadPowers(string path, string? encoding) =>
        ReadJsonLines(path, Power.Descriptor, m => (Power)m);

    public static IEnumerable<ImportRow<CaseEvent>> ReadCaseEvents(string path, string? encoding) =>
        ReadJsonLines(path, CaseEvent.Descriptor, m => (CaseEvent)m);

    private static IEnumerable<ImportRow<T>> ReadJsonLines<T>(string path, Google.Protobuf.Reflection.MessageDescriptor descriptor, Func<IMessage, T> cast)
        where T : class
    {
        var name = Path.GetFileName(path);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            IMessage? message = null;
            string? problem = null;
            try
            {
                message = Parser.Parse(line, descriptor);
            }
            catch (InvalidProtocolBufferException ex)
            {
                problem = ex.Message;
            }
            catch (InvalidJsonException ex)
            {
                problem = ex.Message;
            }

            yield return message is null
                ? new ImportRow<T>($"{name}:{number}", line, null, [new FieldProblem("(line)", $"无法解析的 JSON (not valid JSON for this record: {problem})")])
                : new ImportRow<T>($"{name}:{number}", line, cast(message), []);
        }
    }
}
