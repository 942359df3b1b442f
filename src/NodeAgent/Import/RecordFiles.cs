using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// Reads power and case files by extension: <c>.csv</c> as CSV with a header row (powers
/// only), <c>.jsonl</c>, <c>.ndjson</c> and <c>.json</c> as JSON Lines (one proto3 JSON object
/// per line).
/// </summary>
internal static class RecordFiles
{
    /// <summary>True when <paramref name="path"/> has an extension read as JSON Lines.</summary>
    public static bool IsJsonLines(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".JSONL" or ".NDJSON" or ".JSON";

    /// <summary>True when <paramref name="path"/> has the <c>.csv</c> extension.</summary>
    public static bool IsCsv(string path) =>
        string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Streams the powers of a CSV or JSON Lines file.</summary>
    /// <exception cref="NotSupportedException">The extension is neither.</exception>
    public static IEnumerable<ImportRow<Power>> ReadPowers(string path, string? encodingName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsCsv(path))
        {
            return PowerCsvReader.ReadFile(path, encodingName);
        }

        if (IsJsonLines(path))
        {
            return JsonLinesReader.ReadFile<Power>(path, encodingName);
        }

        throw new NotSupportedException(
            $"无法识别的权力文件类型 \"{Path.GetFileName(path)}\"，应为 .csv、.jsonl、.ndjson 或 .json (unsupported power file type)");
    }

    /// <summary>Streams the case events of a JSON Lines file.</summary>
    /// <exception cref="NotSupportedException">The extension is not a JSON Lines one.</exception>
    public static IEnumerable<ImportRow<CaseEvent>> ReadCaseEvents(string path, string? encodingName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsJsonLines(path))
        {
            return JsonLinesReader.ReadFile<CaseEvent>(path, encodingName);
        }

        throw new NotSupportedException(
            $"办件文件 \"{Path.GetFileName(path)}\" 应为 JSON Lines（.jsonl、.ndjson 或 .json）(case files are JSON Lines)");
    }
}
