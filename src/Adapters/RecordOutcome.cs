namespace ExchangeNode.Adapters;

/// <summary>What became of one source record once the agent committed it.</summary>
/// <param name="Record">The record (or end-of-unit marker).</param>
/// <param name="Outcome">Accepted, Unchanged (already held) or Rejected (kept in the quarantine).</param>
public sealed record RecordOutcome(SourceRecord Record, IngestOutcome Outcome);
