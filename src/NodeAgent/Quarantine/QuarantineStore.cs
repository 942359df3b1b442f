using System.Security.Cryptography;
using System.Text;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.NodeAgent.Validation;
using LiteDB;

namespace ExchangeNode.NodeAgent.Quarantine;

/// <summary>
/// Records that failed mapping or validation, with where they came from, their raw text and
/// the reasons (invariant 5: nothing is lost). The same bad record offered again is counted on
/// the one entry, not copied.
/// </summary>
internal sealed class QuarantineStore(LiteDatabase database, TimeProvider time)
{
    private readonly ILiteCollection<BsonDocument> _items = database.GetCollection(LedgerCollections.Quarantine, BsonAutoId.Int32);

    public int Put(string kind, string source, string raw, IEnumerable<FieldProblem> problems, string? adapter = null)
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + adapter + "\n" + raw)));
        var now = time.GetUtcNow().UtcDateTime;
        var reasons = new BsonArray(problems.Where(p => !p.IsWarning)
            .Select(p => new BsonDocument { ["field"] = p.Field, ["reason"] = p.Reason }));
        var existing = _items.FindOne(StoreQuery.Equal("fingerprint", fingerprint));
        if (existing is not null)
        {
            existing["times"] = existing["times"].AsInt32 + 1;
            existing["last_seen"] = now;
            existing["source"] = source;
            existing["problems"] = reasons;
            _items.Update(existing);
            return existing["_id"].AsInt32;
        }

        return _items.Insert(new BsonDocument
        {
            ["fingerprint"] = fingerprint,
            ["kind"] = kind,
            ["adapter"] = adapter ?? string.Empty,
            ["source"] = source,
            ["raw"] = raw,
            ["problems"] = reasons,
            ["first_seen"] = now,
            ["last_seen"] = now,
            ["times"] = 1,
        }).AsInt32;
    }

    public IEnumerable<QuarantinedRecord> List(string? kind, string? adapter = null) =>
        (kind is { Length: > 0 } ? _items.Find(StoreQuery.Equal("kind", kind)) : _items.FindAll())
            .Select(QuarantinedRecord.From)
            .Where(q => adapter is not { Length: > 0 } || q.Adapter == adapter);

    public QuarantinedRecord? Find(int id) => _items.FindById(id) is { } doc ? QuarantinedRecord.From(doc) : null;

    /// <summary>Takes a record out of the quarantine once it was admitted on retry, or dropped by an operator (recorded in the ledger).</summary>
    public bool Remove(int id) => _items.Delete(id);
}
