namespace ExchangeNode.Adapters;

/// <summary>Reads records from a department's system, from a resume position the agent gives it.</summary>
/// <remarks>
/// The agent commits a record's entries and the record's <see cref="SourceRecord.Position"/> in one
/// transaction, so after a crash it asks again from the last committed position: an adapter must
/// be able to resume from any position it produced.
/// </remarks>
public interface ISourceAdapter : IAsyncDisposable
{
    /// <summary>Records after <paramref name="position"/> (null: from the beginning), in order.</summary>
    IAsyncEnumerable<SourceRecord> ReadAsync(string? position, CancellationToken cancellationToken);

    /// <summary>
    /// Called after the agent committed records (and end-of-unit markers), with what became of each;
    /// e.g. a drop folder archives a finished file with a receipt here.
    /// </summary>
    /// <remarks>
    /// The agent reads the next batches while it commits the previous ones, so this comes a batch
    /// or more later than the records were read; it is always called between two reads of
    /// <see cref="ReadAsync"/>, never while one is under way, and in the order of the commits. It is
    /// called for every commit, even when the run is being cancelled: what committed is done.
    /// </remarks>
    ValueTask CommittedAsync(IReadOnlyList<RecordOutcome> outcomes, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
