using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace ExchangeNode.Samples.Generator;

/// <summary>Records as the flat rows of a legacy system's export, for adapter tests and benchmarks.</summary>
public static class LegacyRows
{
    /// <summary>A case event as the flat row a legacy system's export holds: one column per field path, repeated messages as JSON.</summary>
    public static Dictionary<string, string> Flatten(IMessage message)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(message, string.Empty, row);
        return row;
    }

    private static void Flatten(IMessage message, string prefix, Dictionary<string, string> row)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = ((IList)value).Cast<object>().ToList();
                if (list.Count > 0)
                {
                    row[path] = field.FieldType == FieldType.Message
                        ? "[" + string.Join(',', list.Select(i => JsonFormatter.Default.Format((IMessage)i))) + "]"
                        : string.Join('\n', list);
                }

                continue;
            }

            switch (value)
            {
                case null:
                    break;
                case Timestamp stamp:
                    row[path] = stamp.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    break;
                case IMessage child:
                    Flatten(child, path + ".", row);
                    break;
                case string s when s.Length == 0:
                case int and 0:
                case long and 0:
                case double and 0:
                case bool and false:
                    break;
                case System.Enum e when Convert.ToInt32(e, CultureInfo.InvariantCulture) == 0:
                    break;
                case IFormattable f:
                    row[path] = f.ToString(null, CultureInfo.InvariantCulture);
                    break;
                default:
                    row[path] = value.ToString()!;
                    break;
            }
        }
    }

    /// <summary>The Chinese label a legacy system writes for an event kind (受理, 补正告知…); null when unspecified.</summary>
    public static string? KindLabel(ExchangeNode.Protocol.V1.CaseEventKind kind) => kind switch
    {
        ExchangeNode.Protocol.V1.CaseEventKind.Accepted => "受理",
        ExchangeNode.Protocol.V1.CaseEventKind.CorrectionRequested => "补正告知",
        ExchangeNode.Protocol.V1.CaseEventKind.CorrectionReceived => "补正收件",
        ExchangeNode.Protocol.V1.CaseEventKind.Suspended => "暂停",
        ExchangeNode.Protocol.V1.CaseEventKind.Resumed => "恢复",
        ExchangeNode.Protocol.V1.CaseEventKind.Returned => "退回",
        ExchangeNode.Protocol.V1.CaseEventKind.Opinion => "意见",
        ExchangeNode.Protocol.V1.CaseEventKind.Decision => "决定",
        ExchangeNode.Protocol.V1.CaseEventKind.Merged => "并案",
        ExchangeNode.Protocol.V1.CaseEventKind.Concluded => "办结",
        _ => null,
    };
}
