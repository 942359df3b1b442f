using LiteDB;

namespace ExchangeNode.NodeAgent.Hosting;

/// <summary>
/// The store remembers which node it belongs to, so an edited node.json cannot make one
/// node's ledger pass for another's.
/// </summary>
internal static class NodeIdentity
{
    private const string Collection = "meta";

    public static void CheckOrRecord(LiteDatabase database, string code)
    {
        var meta = database.GetCollection(Collection);
        var node = meta.FindById("node");
        if (node is null)
        {
            meta.Insert(new BsonDocument { ["_id"] = "node", ["code"] = code });
            return;
        }

        if (node["code"].AsString != code)
        {
            throw new NodeConfigException(
                $"node.json 中的节点代码 {code} 与数据文件所属节点 {node["code"].AsString} 不符 (Node:Code does not match the store; restore the original code)");
        }
    }
}
