using System.Globalization;
using ExchangeNode.Adapters.BuiltIn.Text;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// Creates drop-folder adapters (kind <c>drop-folder</c>): CSV (UTF-8 or GB18030) and <c>.xlsx</c>
/// exports a department system leaves in a folder, read once complete, archived with a receipt.
/// </summary>
/// <remarks>
/// Settings: <c>Inbox</c> (required; relative to the data folder allowed), <c>Archive</c>
/// (default <c>Inbox/archive</c>), <c>Pattern</c> (default <c>*.csv;*.xlsx</c>), <c>Encoding</c>
/// (<c>utf-8</c> or <c>gb18030</c>; detected per file when absent), <c>Completion</c>
/// (<c>stable</c>, the default, or <c>marker</c>) and <c>StableFor</c> (default <c>00:00:02</c>).
/// </remarks>
public sealed class DropFolderAdapterFactory : IAdapterFactory
{
    /// <summary>The default of the <c>Pattern</c> setting.</summary>
    public const string DefaultPattern = "*.csv;*.xlsx";

    private static readonly TimeSpan DefaultStableFor = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public string Kind => "drop-folder";

    /// <inheritdoc />
    public ISourceAdapter Create(AdapterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DropFolderAdapter(Read(settings), TimeProvider.System);
    }

    internal static DropFolderOptions Read(AdapterSettings settings)
    {
        settings.Require("Inbox");
        var inbox = settings.GetPath("Inbox")!;
        if (!Directory.Exists(inbox))
        {
            throw new AdapterConfigurationException(settings.Name, "Inbox", $"文件夹 {inbox} 不存在 (the folder does not exist)");
        }

        var archive = settings.GetPath("Archive") ?? Path.Combine(inbox, "archive");
        if (string.Equals(Path.TrimEndingDirectorySeparator(archive), Path.TrimEndingDirectorySeparator(inbox), StringComparison.Ordinal))
        {
            throw new AdapterConfigurationException(settings.Name, "Archive", "不能与 Inbox 相同 (must not be the inbox itself)");
        }

        var patterns = (settings.Get("Pattern") ?? DefaultPattern)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (patterns.Length == 0 || patterns.Any(p => p.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || p.Contains('/', StringComparison.Ordinal)))
        {
            throw new AdapterConfigurationException(settings.Name, "Pattern", "应为文件名模式，如 *.csv;*.xlsx (file name patterns separated by ;)");
        }

        if (patterns.Any(p => !p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !p.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            throw new AdapterConfigurationException(settings.Name, "Pattern", "只能读取 .csv 与 .xlsx 文件 (only .csv and .xlsx files are read)");
        }

        var encoding = settings.Get("Encoding");
        if (encoding is not null)
        {
            try
            {
                encoding = TextFileDecoder.NameOf(TextFileDecoder.Resolve(encoding));
            }
            catch (ArgumentException ex)
            {
                throw new AdapterConfigurationException(settings.Name, "Encoding", ex.Message);
            }
        }

        var completion = settings.Get("Completion")?.ToUpperInvariant() switch
        {
            null or "STABLE" => DropFolderCompletion.Stable,
            "MARKER" => DropFolderCompletion.Marker,
            _ => throw new AdapterConfigurationException(
                settings.Name, "Completion", "应为 stable（大小不再变化）或 marker（旁边有 NAME.ready 或 NAME.done）(stable or marker)"),
        };

        var stableFor = DefaultStableFor;
        if (settings.Get("StableFor") is { } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out stableFor) || stableFor < TimeSpan.Zero))
        {
            throw new AdapterConfigurationException(settings.Name, "StableFor", $"\"{text}\" 不是时长，应如 00:00:02 (not a duration)");
        }

        return new DropFolderOptions(settings.Name, inbox, archive, patterns, encoding, completion, stableFor);
    }
}
