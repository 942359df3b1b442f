using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace ExchangeNode.Adapters.BuiltIn.DropFolder;

/// <summary>
/// Reads the complete CSV and <c>.xlsx</c> files of an inbox in file-name order, one source
/// record per row, and archives each file with a receipt once the agent committed its last row.
/// </summary>
/// <remarks>
/// A row's position is <c>file|id|row</c>: after a crash the agent hands back the last committed
/// one and reading resumes right after that row; the journal says which files before it were
/// finished (see <see cref="DropFolderJournal"/>). Archiving happens only after the commit, so a
/// file leaves the inbox only once everything it held is in the ledger or the quarantine.
/// </remarks>
internal sealed class DropFolderAdapter(DropFolderOptions options, TimeProvider time) : ISourceAdapter
{
    private const int FileIdLength = 16;

    private readonly DropFolderArchive _archive = new(options, time);
    private readonly DropFolderJournal _journal = new(options);
    private readonly Dictionary<string, DropFileTally> _tallies = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resume = DropFolderPosition.Parse(position);
        var files = await CompleteFilesAsync(cancellationToken);
        foreach (var (path, fileId, after) in Plan(resume, files))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            var unit = DropFolderPosition.UnitOf(name, fileId);
            var tally = new DropFileTally(path, fileId);
            _tallies[unit] = tally;

            // Written before the file's first row is offered: see DropFolderJournal.
            _journal.Start(unit);
            string? error = null;
            var errorAt = name;
            using (var rows = Open(path).GetEnumerator())
            {
                var lastRow = 0;
                while (true)
                {
                    DropFileRow row;
                    try
                    {
                        if (!rows.MoveNext())
                        {
                            break;
                        }

                        row = rows.Current;
                    }
                    catch (Exception ex) when (ex is not (IOException or OperationCanceledException or OutOfMemoryException))
                    {
                        error = $"文件无法读取（第{lastRow}行之后）(the file cannot be read after row {lastRow}): {ex.GetType().Name}: {ex.Message}";
                        break;
                    }

                    if (row.Error is not null)
                    {
                        error = row.Error;
                        errorAt = $"{name}:{row.Number}";
                        break;
                    }

                    lastRow = row.Number;
                    if (row.Number <= after)
                    {
                        tally.CommittedEarlier++;
                        continue;
                    }

                    yield return new SourceRecord(row.Fields, DropFolderPosition.After(unit, row.Number), $"{name}:{row.Number}");
                }
            }

            // The file is closed before its end is offered: the agent may archive it at once.
            if (error is not null)
            {
                tally.Error = error;
                _journal.Fail(unit);
                var failed = DropFolderPosition.Failed(unit);
                yield return SourceRecord.Unreadable(error, failed, errorAt);
                yield return SourceRecord.EndOfUnit(name, failed);
            }
            else
            {
                yield return SourceRecord.EndOfUnit(name, DropFolderPosition.Done(unit));
            }
        }
    }

    public ValueTask CommittedAsync(IReadOnlyList<RecordOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        // A batch's records are mostly of one file: its tally is looked up when the file changes.
        string? unit = null;
        DropFileTally? tally = null;
        foreach (var (record, outcome) in outcomes)
        {
            var part = DropFolderPosition.UnitPart(record.Position);
            if (unit is null || !part.SequenceEqual(unit))
            {
                unit = part.ToString();
                tally = _tallies.GetValueOrDefault(unit);
            }

            if (tally is null)
            {
                continue;
            }

            if (record.IsEndOfUnit)
            {
                _archive.Archive(tally.Path, tally.FileId, tally, failed: tally.Error is not null, note: tally.CommittedEarlier > 0
                    ? "读取中断后续读：committed_earlier 行由中断前的运行提交 (resumed after an interruption: committed_earlier rows were committed by the interrupted run)"
                    : null);
                _tallies.Remove(unit);
                tally = null;
                continue;
            }

            if (tally.Error is not null && record.Fields.ContainsKey(SourceRecord.ErrorField))
            {
                continue;
            }

            switch (outcome)
            {
                case IngestOutcome.Accepted:
                    tally.Accepted++;
                    break;
                case IngestOutcome.Unchanged:
                    tally.Unchanged++;
                    break;
                case IngestOutcome.Rejected:
                    tally.Rejected++;
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<DropFileRow> Open(string path) =>
        string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase)
            ? XlsxFileRows.Read(path)
            : CsvFileRows.Read(path, options.Encoding);

    /// <summary>
    /// The files to read and the row to resume after, the interrupted file first; files an earlier
    /// run committed to their end but did not archive are archived here, without reading them again.
    /// </summary>
    private List<(string Path, string FileId, int After)> Plan(DropFolderPosition? resume, IReadOnlyList<string> files)
    {
        var earlier = _journal.Load();
        var finished = new Dictionary<string, bool>(StringComparer.Ordinal);
        var at = resume is null ? -1 : earlier.ToList().FindIndex(e => e.Unit == resume.Unit);
        for (var i = 0; i < at; i++)
        {
            finished[earlier[i].Unit] = earlier[i].Failed;
        }

        if (resume is { State: not DropFileState.Reading })
        {
            finished[resume.Unit] = resume.State == DropFileState.Failed;
        }

        var plan = new List<(string, string, int)>();
        foreach (var path in files)
        {
            if (FileIdOf(path) is not { } fileId)
            {
                continue;
            }

            var name = Path.GetFileName(path);
            var unit = DropFolderPosition.UnitOf(name, fileId);
            if (finished.TryGetValue(unit, out var failed))
            {
                switch (_archive.FindReceipt(name, fileId))
                {
                    case null:
                        _archive.Archive(path, fileId, tally: null, failed, note:
                            "运行在提交最后一行之后、归档之前停止；行数不详，只有检查点表明文件已读完 (the run stopped between committing the last row and archiving: counts are from the checkpoint only, which says the file was done)");
                        continue;
                    case { Target: var target } when !File.Exists(target):
                        DropFolderArchive.Finish(path, target);
                        continue;
                    default:
                        // Archived before, with its receipt: this is the same file dropped again.
                        plan.Add((path, fileId, 0));
                        continue;
                }
            }

            if (resume is { State: DropFileState.Reading } && resume.Unit == unit)
            {
                plan.Insert(0, (path, fileId, resume.Row));
            }
            else
            {
                plan.Add((path, fileId, 0));
            }
        }

        return plan;
    }

    private static string? FileIdOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1024 * 1024);
            return Convert.ToHexStringLower(SHA256.HashData(stream))[..FileIdLength];
        }
        catch (FileNotFoundException)
        {
            // Taken away since the inbox was listed: nothing to read.
            return null;
        }
    }

    /// <summary>The inbox's files that match the patterns and are complete, in file-name order.</summary>
    private async Task<IReadOnlyList<string>> CompleteFilesAsync(CancellationToken cancellationToken)
    {
        var enumeration = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseInsensitive };
        var files = options.Patterns
            .SelectMany(p => Directory.EnumerateFiles(options.Inbox, p, enumeration))
            .Distinct(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) is var n && !n.StartsWith('.') && !n.StartsWith("~$", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (options.Completion == DropFolderCompletion.Marker)
        {
            return files.Where(f => DropFolderArchive.MarkersOf(f).Any(File.Exists)).ToList();
        }

        // Stable: a file written to within StableFor is watched that long; one that grew is left for the next run.
        var now = time.GetUtcNow().UtcDateTime;
        var seen = files.Select(f => new FileInfo(f)).Where(f => f.Exists).ToList();
        var young = seen.Where(f => now - f.LastWriteTimeUtc < options.StableFor).Select(f => (f.FullName, f.Length, f.LastWriteTimeUtc)).ToList();
        if (young.Count > 0)
        {
            await Task.Delay(options.StableFor, time, cancellationToken);
        }

        var changed = young
            .Where(y => new FileInfo(y.FullName) is var current && (!current.Exists || current.Length != y.Length || current.LastWriteTimeUtc != y.LastWriteTimeUtc))
            .Select(y => y.FullName)
            .ToHashSet(StringComparer.Ordinal);
        return seen.Select(f => f.FullName).Where(f => !changed.Contains(f)).ToList();
    }
}
