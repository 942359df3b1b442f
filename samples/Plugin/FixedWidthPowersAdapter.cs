using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExchangeNode.Adapters;

namespace ExchangeNode.Samples.Plugin;

/// <summary>
/// Reads the export line by line. The position is the number of the last line handed over, so
/// lines appended to the export later are read at the next run, and nothing twice.
/// </summary>
internal sealed class FixedWidthPowersAdapter(string file) : ISourceAdapter
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var done = position is null ? 0 : int.Parse(position, NumberStyles.None, CultureInfo.InvariantCulture);
        var name = Path.GetFileName(file);
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;

            // '*' starts a comment (the export's header and trailer lines).
            if (number <= done || line.Length == 0 || line[0] == '*')
            {
                continue;
            }

            var at = number.ToString(CultureInfo.InvariantCulture);
            var (fields, problem) = FixedWidthLayout.Split(line);

            // A short line still goes to the agent, whole, so that it reaches the quarantine with its reason.
            yield return new SourceRecord(fields ?? new Dictionary<string, string> { ["(line)"] = line, ["(problem)"] = problem! }, at, $"{name}:{at}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
