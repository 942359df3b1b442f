using ExchangeNode.NodeAgent.Hosting;
using ExchangeNode.NodeAgent.Import;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Validation;
using ExchangeNode.Protocol.V1;
using Google.Protobuf;

namespace ExchangeNode.NodeAgent.Quarantine;

/// <summary>
/// Offers quarantined records again, after the mapping or the power library was fixed: an
/// admitted record leaves the quarantine in the same transaction that appends it.
/// </summary>
internal static class QuarantineRetry
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>What became of each record retried.</summary>
    public static List<(QuarantinedRecord Item, Admission Outcome, IReadOnlyList<FieldProblem> Problems)> Retry(
        NodeSession session, IEnumerable<QuarantinedRecord> items)
    {
        // Refused before the first record is offered, so that the quarantine stays as it is.
        session.Ledger.EnsureLocalAppendAllowed();
        var results = new List<(QuarantinedRecord, Admission, IReadOnlyList<FieldProblem>)>();
        foreach (var item in items)
        {
            using var transaction = session.Ledger.Begin();
            var summary = new ImportSummary(item.Source);
            var (record, problems) = Reread(session, item);
            var adapter = item.Adapter.Length > 0 ? item.Adapter : null;
            var outcome = item.Kind == "power"
                ? session.Importer.Offer(new ImportRow<Power>(item.Source, item.Raw, record as Power, problems), "power", summary, transaction,
                    session.Powers.Admit, p => p.DivisionCode, adapter)
                : session.Importer.Offer(new ImportRow<CaseEvent>(item.Source, item.Raw, record as CaseEvent, problems), "case", summary, transaction,
                    session.Cases.Admit, session.Cases.JurisdictionOf, adapter);
            if (outcome != Admission.Rejected)
            {
                session.Quarantine.Remove(item.Id);
            }

            transaction.Commit();
            results.Add((item, outcome, summary.Rejections.SelectMany(r => r.Problems).ToList()));
        }

        return results;
    }

    private static (IMessage? Record, IReadOnlyList<FieldProblem> Problems) Reread(NodeSession session, QuarantinedRecord item)
    {
        if (item.Adapter.Length > 0)
        {
            return session.Adapters.Remap(item.Adapter, item.Raw);
        }

        var descriptor = item.Kind == "power" ? Power.Descriptor : CaseEvent.Descriptor;
        try
        {
            return (Json.Parse(item.Raw, descriptor), []);
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException)
        {
            return (null, [new FieldProblem("(row)",
                "这是 CSV 行：请修正文件后重新导入 (a CSV row cannot be retried alone: fix the file and import it again)", IsWarning: false)]);
        }
    }
}
