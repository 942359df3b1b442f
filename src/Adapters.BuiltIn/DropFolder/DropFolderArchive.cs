using System.Globalization;
using System.Text.Json;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// Moves read files out of the inbox into the archive (or its <c>failed</c> subfolder) with a
/// receipt beside each, and finds the receipt of a file already archived.
/// </summary>
/// <remarks>
/// The receipt is written before the file moves: a crash between the two leaves a receipt whose
/// file is still in the inbox, which the next run recognises and finishes moving.
/// </remarks>
internal sealed class DropFolderArchive(DropFolderOptions options, TimeProvider time)
{
    public const string ReceiptSuffix = ".receipt.json";

    private static readonly string[] MarkerSuffixes = [".ready", ".done"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The marker files that may stand next to <paramref name="path"/>.</summary>
    public static IEnumerable<string> MarkersOf(string path) => MarkerSuffixes.Select(s => path + s);

    /// <summary>Archives a file with a receipt built from <paramref name="tally"/> (null: counts unknown).</summary>
    public DropFileReceipt Archive(string path, string fileId, DropFileTally? tally, bool failed, string? note)
    {
        var folder = failed ? options.Failed : options.Archive;
        Directory.CreateDirectory(folder);
        var target = FreeName(folder, Path.GetFileName(path));
        var receipt = new DropFileReceipt(
            Path.GetFileName(path),
            fileId,
            Path.GetFileName(target),
            tally?.Rows,
            tally?.Accepted,
            tally?.Unchanged,
            tally?.Rejected,
            tally?.CommittedEarlier ?? 0,
            tally is not null,
            failed,
            tally?.Error,
            time.GetUtcNow(),
            note);
        Write(target + ReceiptSuffix, receipt);
        Finish(path, target);
        return receipt;
    }

    /// <summary>Moves the file (and its marker) to where its receipt says it went.</summary>
    public static void Finish(string path, string target)
    {
        File.Move(path, target);
        foreach (var marker in MarkersOf(path).Where(File.Exists))
        {
            File.Move(marker, target + marker[path.Length..], overwrite: true);
        }
    }

    /// <summary>
    /// The receipt an earlier run wrote for this file and id, with where the file went; null if none.
    /// </summary>
    public (DropFileReceipt Receipt, string Target)? FindReceipt(string fileName, string fileId)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        foreach (var folder in new[] { options.Archive, options.Failed }.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, stem + "*" + extension + ReceiptSuffix))
            {
                var receipt = Read(path);
                if (receipt is not null && receipt.File == fileName && receipt.FileId == fileId)
                {
                    return (receipt, path[..^ReceiptSuffix.Length]);
                }
            }
        }

        return null;
    }

    private static DropFileReceipt? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DropFileReceipt>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // Not one of ours (or edited by hand): it describes no file of this run.
            return null;
        }
    }

    private static void Write(string path, DropFileReceipt receipt)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(receipt, Json));
        File.Move(temporary, path, overwrite: true);
    }

    // A file dropped again under the same name is archived beside the first as NAME~2.csv, NAME~3.csv…
    private static string FreeName(string folder, string fileName)
    {
        var target = Path.Combine(folder, fileName);
        for (var n = 2; File.Exists(target) || File.Exists(target + ReceiptSuffix); n++)
        {
            target = Path.Combine(
                folder,
                $"{Path.GetFileNameWithoutExtension(fileName)}~{n.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(fileName)}");
        }

        return target;
    }
}
