using System.Security.Cryptography;
using System.Text;
using ExchangeNode.NodeAgent.Ledger;
using ExchangeNode.Protocol.Identifiers;
using LiteDB;

namespace ExchangeNode.NodeAgent.Sync;

/// <summary>
/// The children a parent knows. A credential is "code.secret"; only the SHA-256 of the secret
/// is stored, and the credential is shown once, when the child is added.
/// </summary>
internal sealed class ChildRegistry(LiteDatabase database, string parentCode, TimeProvider time)
{
    public const string Collection = "children";

    private readonly ILiteCollection<BsonDocument> _children = database.GetCollection(Collection);

    /// <summary>Registers a child and returns its credential (not kept).</summary>
    /// <exception cref="ArgumentException">The code is not a child of this node, or is already registered.</exception>
    public string Add(string code, string name)
    {
        if (DivisionCode.CheckForm(code) is { } form)
        {
            throw new ArgumentException(form);
        }

        if (code == parentCode || !DivisionCode.IsWithin(code, parentCode))
        {
            throw new ArgumentException($"{code} 不在本节点 {parentCode} 的辖区内，不能作为下级 (not inside this node's jurisdiction)");
        }

        var expected = DivisionCode.LevelOf(parentCode) == NodeLevel.Province ? NodeLevel.City : NodeLevel.County;
        if (DivisionCode.LevelOf(code) != expected)
        {
            throw new ArgumentException($"{code} 不是本节点的直接下级 (a {DivisionCode.LevelOf(parentCode)}'s children are {expected} nodes)");
        }

        if (_children.FindById(code) is { } existing && existing["removed_at"].IsNull)
        {
            throw new ArgumentException($"下级 {code} 已登记；如需新凭证，先 child remove (already registered)");
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _children.Upsert(new BsonDocument
        {
            ["_id"] = code,
            ["name"] = name,
            ["secret"] = Hash(secret),
            ["added_at"] = time.GetUtcNow().UtcDateTime,
            ["removed_at"] = BsonValue.Null,
            ["last_contact"] = BsonValue.Null,
            ["backlog"] = 0L,
            ["alert"] = string.Empty,
        });
        return $"{code}.{secret}";
    }

    public bool Remove(string code)
    {
        var doc = _children.FindById(code);
        if (doc is null || !doc["removed_at"].IsNull)
        {
            return false;
        }

        doc["removed_at"] = time.GetUtcNow().UtcDateTime;
        return _children.Update(doc);
    }

    public IReadOnlyList<ChildRecord> List() => _children.FindAll().Select(ToRecord).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();

    public ChildRecord? Find(string code) => _children.FindById(code) is { } doc ? ToRecord(doc) : null;

    /// <summary>The child a credential belongs to; the failure says which status code applies.</summary>
    public (ChildRecord? Child, bool Known) Authenticate(string credential)
    {
        var dot = credential.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return (null, false);
        }

        var doc = _children.FindById(credential[..dot]);
        if (doc is null)
        {
            return (null, false);
        }

        var stored = Convert.FromHexString(doc["secret"].AsString);
        var given = Convert.FromHexString(Hash(credential[(dot + 1)..]));
        var valid = CryptographicOperations.FixedTimeEquals(stored, given) && doc["removed_at"].IsNull;
        return (valid ? ToRecord(doc) : null, true);
    }

    /// <summary>
    /// Records a child's call (inside the caller's transaction when one is open). Only a
    /// delivered report (a committed push) restarts the freshness clock: a child that only
    /// shakes hands while its pushes fail is still late (invariant 8).
    /// </summary>
    public void Touch(string code, long backlog, bool delivered)
    {
        var doc = _children.FindById(code);
        if (doc is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        doc["backlog"] = backlog;
        if (delivered)
        {
            doc["last_contact"] = now;
            doc["alert"] = string.Empty;
        }

        _children.Update(doc);
    }

    /// <summary>Remembers the level of alert raised for the child's current silence, so it is raised once.</summary>
    public void MarkAlert(string code, string level)
    {
        if (_children.FindById(code) is { } doc)
        {
            doc["alert"] = level;
            _children.Update(doc);
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ChildRecord ToRecord(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["name"].AsString,
        doc["added_at"].AsDateTime,
        doc["removed_at"].IsNull ? null : doc["removed_at"].AsDateTime,
        doc["last_contact"].IsNull ? null : doc["last_contact"].AsDateTime,
        doc["backlog"].AsInt64,
        doc["alert"].AsString);
}
