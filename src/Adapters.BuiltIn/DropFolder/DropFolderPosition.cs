using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// Where a drop folder stands: <c>file|id|row</c> after a committed row (the CSV line or sheet
/// row), <c>file|id|done</c> after a file's last row, <c>file|id|failed</c> after a file that
/// could not be read; the id is the start of the file's SHA-256, so a different file dropped
/// under the same name is not taken for the one the position speaks of.
/// </summary>
internal sealed record DropFolderPosition(string File, string FileId, int Row, DropFileState State)
{
    /// <summary>The file and its id: the part of a position that names the unit.</summary>
    public string Unit => UnitOf(File, FileId);

    public static string UnitOf(string file, string fileId) => $"{file}|{fileId}";

    /// <summary>The position after a row of <paramref name="unit"/> (<see cref="UnitOf"/>); <see cref="Done"/> and <see cref="Failed"/> are a unit's last.</summary>
    public static string After(string unit, int row) => $"{unit}|{row.ToString(CultureInfo.InvariantCulture)}";

    public static string Done(string unit) => $"{unit}|done";

    public static string Failed(string unit) => $"{unit}|failed";

    /// <summary>The unit part of a position this adapter produced.</summary>
    public static ReadOnlySpan<char> UnitPart(string position) => position.AsSpan(0, position.LastIndexOf('|'));

    /// <summary>Parses a position; null for none.</summary>
    /// <exception cref="FormatException">It is not a drop-folder position.</exception>
    public static DropFolderPosition? Parse(string? position)
    {
        if (string.IsNullOrEmpty(position))
        {
            return null;
        }

        var last = position.LastIndexOf('|');
        var middle = last > 0 ? position.LastIndexOf('|', last - 1) : -1;
        if (middle <= 0)
        {
            throw new FormatException($"\"{position}\" is not a drop-folder position (file|id|row)");
        }

        var file = position[..middle];
        var id = position[(middle + 1)..last];
        var tail = position[(last + 1)..];
        return tail switch
        {
            "done" => new DropFolderPosition(file, id, 0, DropFileState.Done),
            "failed" => new DropFolderPosition(file, id, 0, DropFileState.Failed),
            _ when int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var row) => new DropFolderPosition(file, id, row, DropFileState.Reading),
            _ => throw new FormatException($"\"{position}\" is not a drop-folder position (file|id|row)"),
        };
    }
}
