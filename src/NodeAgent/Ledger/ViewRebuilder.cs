namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>Drops the views and derives them again from the ledger alone.</summary>
internal static class ViewRebuilder
{
    private const int BatchSize = 1000;

    public static long Rebuild(LedgerStore ledger, CancellationToken cancellationToken)
    {
        lock (ledger.WriterLock)
        {
            return RebuildLocked(ledger, cancellationToken);
        }
    }

    private static long RebuildLocked(LedgerStore ledger, CancellationToken cancellationToken)
    {
        var database = ledger.Database;
        ledger.Projector.Discard();
        foreach (var view in LedgerCollections.Views)
        {
            database.DropCollection(view);
        }

        LedgerCollections.EnsureIndexes(database);
        long applied = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = ledger.ReadBatch(applied, BatchSize);
            if (batch.Count == 0)
            {
                return applied;
            }

            using (var transaction = ledger.Begin())
            {
                transaction.Prefetch(batch.Select(entry => entry.Body.Record));
                foreach (var entry in batch)
                {
                    transaction.ApplyView(entry);
                }

                transaction.Commit();
            }

            applied = batch[^1].LocalSequence;
        }
    }
}
