using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>Adds entries to node.json's "Adapters" list, as an operator would.</summary>
internal static class HttpNodeConfig
{
    public static void AddAdapter(TestNode node, JsonObject adapter)
    {
        var path = Path.Combine(node.Data, "node.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (json["Adapters"] is not JsonArray adapters)
        {
            adapters = [];
            json["Adapters"] = adapters;
        }

        adapters.Add(adapter);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>The mapping of the legacy case API's item shape (see <see cref="HttpLegacyCaseApi"/>) to CaseEvent.</summary>
    public static JsonObject LegacyCaseMapping() => new()
    {
        ["case_serial"] = "bjlsh",
        ["event_id"] = "sjbh",
        ["kind"] = "hjmc",
        ["occurred_at"] = "sj",
        ["post"] = "gw",
        ["actor"] = "blr",
        ["opinion"] = "yj",
        ["stance"] = "tl",
        ["acceptance.power_code"] = "sl.sxbm",
        ["acceptance.power_version"] = "sl.sxbb",
        ["acceptance.title"] = "sl.bt",
        ["acceptance.counterpart.kind"] = "sl.xdr.lx",
        ["acceptance.counterpart.name"] = "sl.xdr.mc",
        ["acceptance.counterpart.id_type"] = "sl.xdr.zjlx",
        ["acceptance.counterpart.id_number"] = "sl.xdr.zjhm",
        ["acceptance.counterpart.credit_code"] = "sl.xdr.tyxydm",
        ["acceptance.counterpart.contact"] = "sl.xdr.lxr",
        ["acceptance.counterpart.phone"] = "sl.xdr.dh",
        ["acceptance.division_code"] = "sl.qh",
        ["acceptance.department.name"] = "sl.bm.mc",
        ["acceptance.department.code"] = "sl.bm.dm",
        ["acceptance.channel"] = "sl.qd",
        ["acceptance.statutory_limit_days"] = "sl.fdqx",
        ["acceptance.promised_limit_days"] = "sl.cnqx",
        ["acceptance.materials"] = "sl.cl",
        ["decision.outcome"] = "jd.jg",
        ["decision.document_number"] = "jd.wh",
        ["decision.penalty_amount"] = "jd.je",
        ["decision.circumstance"] = "jd.qj",
        ["merged_into"] = "bah",
        ["documents"] = "ws",
    };

    public static JsonObject HttpAdapter(string name, string url, JsonObject? extraSettings = null)
    {
        var settings = new JsonObject { ["Url"] = url, ["PageSize"] = "300", ["RetryDelay"] = "00:00:00.050", ["Timeout"] = "00:00:20" };
        foreach (var (key, value) in extraSettings ?? [])
        {
            settings[key] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["Name"] = name,
            ["Kind"] = "http-json",
            ["Target"] = "case",
            ["Interval"] = "00:05:00",
            ["Mapping"] = LegacyCaseMapping(),
            ["Settings"] = settings,
        };
    }
}
