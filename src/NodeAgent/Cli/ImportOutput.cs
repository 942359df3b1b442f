using ExchangeNode.NodeAgent.Import;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>Prints an import summary: counts, then each rejected row with file, line, field and reason.</summary>
internal static class ImportOutput
{
    public static int Write(ImportSummary summary, bool json, TextWriter output, TextWriter error)
    {
        if (json)
        {
            JsonOutput.Write(output, new
            {
                file = summary.File,
                accepted = summary.Accepted,
                unchanged = summary.Unchanged,
                rejected = summary.Rejected,
                rejections = summary.Rejections.Select(r => new
                {
                    source = r.SourceReference,
                    quarantineId = r.QuarantineId,
                    problems = r.Problems.Select(p => new { field = p.Field, reason = p.Reason }),
                }),
                warnings = summary.Warnings.Select(r => new
                {
                    source = r.SourceReference,
                    problems = r.Problems.Where(p => p.IsWarning).Select(p => new { field = p.Field, reason = p.Reason }),
                }),
            });
        }
        else
        {
            output.WriteLine($"{summary.File}: 接收 accepted {summary.Accepted}, 未变 unchanged {summary.Unchanged}, 拒绝 rejected {summary.Rejected}");
            foreach (var row in summary.Warnings)
            {
                foreach (var problem in row.Problems.Where(p => p.IsWarning))
                {
                    output.WriteLine($"  警告 warning {row.SourceReference}: {problem.Field}: {problem.Reason}");
                }
            }

            foreach (var row in summary.Rejections)
            {
                foreach (var problem in row.Problems)
                {
                    error.WriteLine($"  拒绝 rejected {row.SourceReference}: {problem.Field}: {problem.Reason}");
                }
            }

            if (summary.Rejected > 0)
            {
                error.WriteLine($"{summary.Rejected} row(s) kept in the quarantine: exchange-node quarantine list");
            }
        }

        return summary.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Done;
    }

    /// <summary>Checks that the file exists, so that a typo is a usage error and not an empty import.</summary>
    public static string RequireFile(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new UsageException($"文件不存在 (no such file): {path}");
    }
}
