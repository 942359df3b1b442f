using LiteDB;

namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>Where each adapter stands (invariant 5: written in the same transaction as its entries).</summary>
internal sealed class AdapterCheckpoints(LiteDatabase database)
{
    private const string Collection = "adapter_state";

    private readonly ILiteCollection<BsonDocument> _state = database.GetCollection(Collection);

    public AdapterState Get(string name)
    {
        var doc = _state.FindById(name);
        return doc is null
            ? new AdapterState(name, null, 0, 0, 0, null, string.Empty)
            : new AdapterState(
                name,
                doc["position"].IsNull ? null : doc["position"].AsString,
                doc["accepted"].AsInt64,
                doc["unchanged"].AsInt64,
                doc["rejected"].AsInt64,
                doc["last_run"].IsNull ? null : doc["last_run"].AsDateTime,
                doc["last_error"].AsString);
    }

    public void Save(AdapterState state) => _state.Upsert(new BsonDocument
    {
        ["_id"] = state.Name,
        ["position"] = state.Position is null ? BsonValue.Null : new BsonValue(state.Position),
        ["accepted"] = state.Accepted,
        ["unchanged"] = state.Unchanged,
        ["rejected"] = state.Rejected,
        ["last_run"] = state.LastRun is { } at ? new BsonValue(at) : BsonValue.Null,
        ["last_error"] = state.LastError,
    });
}
