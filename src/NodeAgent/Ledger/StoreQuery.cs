using LiteDB;

namespace ExchangeNode.NodeAgent.Ledger;

/// <summary>
/// Queries on one field with the value passed as a parameter. LiteDB compiles each distinct
/// query text once and keeps it for the life of the process; <c>Query.EQ</c> and <c>Query.GT</c>
/// write the value into the text, so every new value (each batch's cursor, each fingerprint)
/// compiled a new expression (about 4 ms) and kept it forever: the push process grew with its
/// backlog. With a parameter the text is the same and is compiled once.
/// </summary>
internal static class StoreQuery
{
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"{field} = @0", value);

    /// <summary>The field from <paramref name="low"/> to <paramref name="high"/>, both included: one seek, then a walk along the index.</summary>
    public static BsonExpression Between(string field, BsonValue low, BsonValue high) => BsonExpression.Create($"{field} BETWEEN @0 AND @1", low, high);

    public static BsonExpression After(string field, BsonValue value) => BsonExpression.Create($"{field} > @0", value);
}
