using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Quarantine;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>
/// Offers rows to the node: each is admitted (appended with its view change), found unchanged,
/// or rejected into the quarantine. Rows commit in batches; a batch is all or nothing, and a
/// re-run of the same file appends nothing twice.
/// </summary>
internal sealed class RecordImporter(LedgerStore ledger, QuarantineStore quarantine)
{
    private const int BatchSize = 500;

    public ImportSummary Import<T>(
        string file,
        string kind,
        IEnumerable<ImportRow<T>> rows,
        Func<T, AdmissionResult> admit,
        Func<T, string> jurisdictionOf,
        CancellationToken cancellationToken)
        where T : class, IMessage
    {
        // Refused before the first row is read, so that no row is quarantined or half imported for it.
        ledger.EnsureLocalAppendAllowed();
        var summary = new ImportSummary(file);
        using var enumerator = rows.GetEnumerator();
        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<ImportRow<T>>(BatchSize);
            while (batch.Count < BatchSize && (more = enumerator.MoveNext()))
            {
                batch.Add(enumerator.Current);
            }

            using var transaction = ledger.Begin();
            transaction.Prefetch(batch.Select(row => row.Record).OfType<CaseEvent>());
            foreach (var row in batch)
            {
                Offer(row, kind, summary, transaction, admit, jurisdictionOf, adapter: null);
            }

            transaction.Commit();
        }

        return summary;
    }

    /// <summary>Offers one row inside an open transaction; rejected rows go to the quarantine (under <paramref name="adapter"/> when one produced it).</summary>
    internal Admission Offer<T>(
        ImportRow<T> row,
        string kind,
        ImportSummary summary,
        LedgerTransaction transaction,
        Func<T, AdmissionResult> admit,
        Func<T, string> jurisdictionOf,
        string? adapter,
        Func<string>? raw = null)
        where T : class, IMessage
    {
        var result = !row.IsAccepted
            ? new AdmissionResult(Admission.Rejected, row.Problems)
            : admit(row.Record);
        // Most rows have no problem at all, and then nothing is merged.
        List<FieldProblem> problems = row.Problems.Count == 0 && result.Problems.Count == 0 ? [] : [.. row.Problems.Concat(result.Problems).Distinct()];
        switch (result.Outcome)
        {
            case Admission.Rejected:
                // The raw text is built only for the rows that need it: the quarantine's.
                var id = quarantine.Put(kind, row.SourceReference, raw?.Invoke() ?? row.Raw, problems, adapter);
                summary.Rejections.Add(new RowReport(row.SourceReference, problems.Where(p => !p.IsWarning).ToList(), id));
                return Admission.Rejected;
            case Admission.Unchanged:
                summary.Unchanged++;
                return Admission.Unchanged;
            default:
                transaction.AppendLocal(row.Entry ?? EncodedRecord.Of(row.Record!), jurisdictionOf(row.Record!));
                summary.Accepted++;
                if (problems.Count > 0)
                {
                    summary.Warnings.Add(new RowReport(row.SourceReference, problems));
                }

                return Admission.Accepted;
        }
    }
}
