using System.Globalization;
using System.Text.Json.Nodes;
using ExchangeNode.Protocol.V1;
using ExchangeNode.Samples.Generator;
using Npgsql;
using NpgsqlTypes;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>
/// A department's legacy case table (办件环节): one row per case event, flattened into columns with
/// the legacy system's own Chinese names, a last-updated timestamp (更新时间) shared by several rows
/// at a time, and an id; the rows of synthetic cases plus deliberately bad ones.
/// </summary>
internal static class DatabaseLegacyTable
{
    public const string Name = "办件环节";

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Several rows share one 更新时间, to the microsecond, so the tie-breaker is exercised throughout.
    private static readonly DateTime FirstUpdate = new DateTime(2026, 10, 8, 9, 0, 0, DateTimeKind.Unspecified).AddTicks(1_234_560);

    /// <summary>The columns: legacy name, PostgreSQL type, value from an event.</summary>
    public static readonly IReadOnlyList<(string Name, string PgType, NpgsqlDbType Type, Func<CaseEvent, object?> Value)> Columns =
    [
        ("办件编号", "text", NpgsqlDbType.Text, e => e.CaseSerial),
        ("环节编号", "text", NpgsqlDbType.Text, e => e.EventId),
        ("环节类型", "text", NpgsqlDbType.Text, e => LegacyRows.KindLabel(e.Kind)),
        ("发生时间", "timestamp(0)", NpgsqlDbType.Timestamp, e => e.OccurredAt?.ToDateTimeOffset().ToOffset(Beijing).DateTime),
        ("岗位", "text", NpgsqlDbType.Text, e => e.Post),
        ("经办人", "text", NpgsqlDbType.Text, e => e.Actor),
        ("意见", "text", NpgsqlDbType.Text, e => e.Opinion),
        ("意见类型", "text", NpgsqlDbType.Text, e => e.Stance switch { Stance.Positive => "同意", Stance.Negative => "不同意", _ => null }),
        ("文书", "text", NpgsqlDbType.Text, e => Lines(e.Documents)),
        ("事项编码", "text", NpgsqlDbType.Text, e => e.Acceptance?.PowerCode),
        ("事项版本", "integer", NpgsqlDbType.Integer, e => e.Acceptance is { } a ? a.PowerVersion : null),
        ("办件名称", "text", NpgsqlDbType.Text, e => e.Acceptance?.Title),
        ("申请人类型", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.Kind switch { CounterpartKind.Person => "个人", CounterpartKind.Organisation => "单位", _ => null }),
        ("申请人名称", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.Name),
        ("证件类型", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.IdType switch { IdType.ResidentId => "居民身份证", IdType.Passport => "护照", IdType.Other => "其他", _ => null }),
        ("证件号码", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.IdNumber),
        ("信用代码", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.CreditCode),
        ("联系人", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.Contact),
        ("联系电话", "text", NpgsqlDbType.Text, e => e.Acceptance?.Counterpart?.Phone),
        ("区划代码", "text", NpgsqlDbType.Text, e => e.Acceptance?.DivisionCode),
        ("承办部门", "text", NpgsqlDbType.Text, e => e.Acceptance?.Department?.Name),
        ("部门代码", "text", NpgsqlDbType.Text, e => e.Acceptance?.Department?.Code),
        ("受理渠道", "text", NpgsqlDbType.Text, e => e.Acceptance?.Channel),
        ("法定时限", "integer", NpgsqlDbType.Integer, e => e.Acceptance is { } a ? a.StatutoryLimitDays : null),
        ("承诺时限", "integer", NpgsqlDbType.Integer, e => e.Acceptance is { } a ? a.PromisedLimitDays : null),
        ("申请材料", "text", NpgsqlDbType.Text, e => e.Acceptance is { } a ? Lines(a.Materials) : null),
        ("决定结果", "text", NpgsqlDbType.Text, e => e.Decision?.Outcome switch
        {
            Outcome.Granted => "准予", Outcome.Refused => "不予", Outcome.Penalised => "处罚", Outcome.NotPenalised => "不予处罚", Outcome.Other => "其他", _ => null,
        }),
        ("文书编号", "text", NpgsqlDbType.Text, e => e.Decision?.DocumentNumber),
        ("罚款金额", "numeric(14,2)", NpgsqlDbType.Numeric, e => e.Decision is { PenaltyAmount: > 0 } d ? (decimal)d.PenaltyAmount : null),
        ("裁量情形", "text", NpgsqlDbType.Text, e => e.Decision?.Circumstance),
        ("并入办件", "text", NpgsqlDbType.Text, e => e.MergedInto),
    ];

    /// <summary>Why a bad row is bad, and the words its quarantine reason must contain.</summary>
    public enum Flaw
    {
        InvalidResidentId,
        UnknownPowerCode,
        OutOfOrder,
        EmptyRequiredField,
    }

    /// <summary>The legacy rows in table order: good events of synthetic cases, with one bad row in about a hundred.</summary>
    public static List<LegacyRow> Rows(int total, int bad, int seed = 11)
    {
        var random = new Random(seed);
        var good = new SyntheticData(seed).CaseEvents(SyntheticData.FengxianPowers(), "320321", 2000).Take(total - bad).ToList();
        var people = good.Where(e => e.Kind == CaseEventKind.Accepted && e.Acceptance.Counterpart.IdType == IdType.ResidentId).ToList();
        var accepted = good.Where(e => e.Kind == CaseEventKind.Accepted).ToList();
        var opinions = good.Where(e => e.Kind == CaseEventKind.Opinion).ToList();
        var rows = good.Select(e => new LegacyRow(e, null)).ToList();
        for (var i = 0; i < bad; i++)
        {
            var flaw = (Flaw)(i % 4);
            var serial = string.Create(CultureInfo.InvariantCulture, $"320321-2026-9{i:D5}");
            CaseEvent e;
            switch (flaw)
            {
                case Flaw.InvalidResidentId:
                    e = people[random.Next(people.Count)].Clone();
                    e.CaseSerial = serial;
                    var id = e.Acceptance.Counterpart.IdNumber;
                    e.Acceptance.Counterpart.IdNumber = id[..17] + (id[17] == '0' ? '1' : '0');
                    break;
                case Flaw.UnknownPowerCode:
                    e = accepted[random.Next(accepted.Count)].Clone();
                    e.CaseSerial = serial;
                    e.Acceptance.PowerCode = "320321-XK-9999";
                    break;
                case Flaw.OutOfOrder:
                    // An opinion on a case the legacy system never sent the acceptance of.
                    e = opinions[random.Next(opinions.Count)].Clone();
                    e.CaseSerial = serial;
                    break;
                default:
                    e = opinions[random.Next(opinions.Count)].Clone();
                    e.EventId += "-dup";
                    e.Kind = CaseEventKind.Unspecified;
                    break;
            }

            // Anywhere in the table; each bad row has a case of its own (or none), so it harms no good one.
            rows.Insert(random.Next(rows.Count + 1), new LegacyRow(e, flaw));
        }

        return rows;
    }

    /// <summary>The next events of the same synthetic county after the first <paramref name="skip"/> (for rows inserted later).</summary>
    public static List<CaseEvent> MoreEvents(int skip, int count, int seed = 11) =>
        new SyntheticData(seed).CaseEvents(SyntheticData.FengxianPowers(), "320321", 2000).Skip(skip).Take(count).ToList();

    /// <summary>The 更新时间 of the row at <paramref name="index"/>: three rows to a timestamp.</summary>
    public static DateTime UpdatedAt(int index) => FirstUpdate.AddSeconds(index / 3);

    public static async Task CreatePostgresAsync(string connectionString, IReadOnlyList<LegacyRow> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = string.Join(", ", Columns.Select(c => $"\"{c.Name}\" {c.PgType}"));
        await using (var create = new NpgsqlCommand(
            $"CREATE TABLE \"{Name}\" (\"id\" bigint PRIMARY KEY, \"更新时间\" timestamp(6) NOT NULL, {columns}); "
            + $"CREATE INDEX ON \"{Name}\" (\"更新时间\", \"id\")", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await InsertPostgresAsync(connection, rows.Select((r, i) => (Id: (long)i + 1, UpdatedAt: UpdatedAt(i), r.Event)));
    }

    public static async Task InsertPostgresAsync(string connectionString, IEnumerable<(long Id, DateTime UpdatedAt, CaseEvent Event)> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await InsertPostgresAsync(connection, rows);
    }

    /// <summary>The node.json "Adapters" entry mapping this table's columns to CaseEvent fields.</summary>
    public static JsonObject Adapter(string name, JsonObject settings) => new()
    {
        ["Name"] = name,
        ["Kind"] = "database",
        ["Target"] = "case",
        ["Interval"] = "01:00:00",
        ["Mapping"] = new JsonObject
        {
            ["case_serial"] = "办件编号",
            ["event_id"] = "环节编号",
            ["kind"] = "环节类型",
            ["occurred_at"] = "发生时间",
            ["post"] = "岗位",
            ["actor"] = "经办人",
            ["opinion"] = "意见",
            ["stance"] = "意见类型",
            ["documents"] = "文书",
            ["acceptance.power_code"] = "事项编码",
            ["acceptance.power_version"] = "事项版本",
            ["acceptance.title"] = "办件名称",
            ["acceptance.counterpart.kind"] = "申请人类型",
            ["acceptance.counterpart.name"] = "申请人名称",
            ["acceptance.counterpart.id_type"] = "证件类型",
            ["acceptance.counterpart.id_number"] = "证件号码",
            ["acceptance.counterpart.credit_code"] = "信用代码",
            ["acceptance.counterpart.contact"] = "联系人",
            ["acceptance.counterpart.phone"] = "联系电话",
            ["acceptance.division_code"] = "区划代码",
            ["acceptance.department.name"] = "承办部门",
            ["acceptance.department.code"] = "部门代码",
            ["acceptance.channel"] = "受理渠道",
            ["acceptance.statutory_limit_days"] = "法定时限",
            ["acceptance.promised_limit_days"] = "承诺时限",
            ["acceptance.materials"] = "申请材料",
            ["decision.outcome"] = "决定结果",
            ["decision.document_number"] = "文书编号",
            ["decision.penalty_amount"] = "罚款金额",
            ["decision.circumstance"] = "裁量情形",
            ["merged_into"] = "并入办件",
        },
        ["Settings"] = settings,
    };

    /// <summary>Writes the node's "Adapters" array into node.json, as an operator would.</summary>
    public static void Configure(TestNode node, params JsonObject[] adapters)
    {
        var path = Path.Combine(node.Data, "node.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["Adapters"] = new JsonArray(adapters.Select(a => (JsonNode)a).ToArray());
        File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    private static async Task InsertPostgresAsync(NpgsqlConnection connection, IEnumerable<(long Id, DateTime UpdatedAt, CaseEvent Event)> rows)
    {
        var names = string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{Name}\" (\"id\", \"更新时间\", {names}) FROM STDIN (FORMAT BINARY)");
        foreach (var (id, updatedAt, e) in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Bigint);
            await copy.WriteAsync(updatedAt, NpgsqlDbType.Timestamp);
            foreach (var column in Columns)
            {
                var value = column.Value(e);
                if (value is null || value is string { Length: 0 })
                {
                    await copy.WriteNullAsync();
                }
                else
                {
                    await copy.WriteAsync(value, column.Type);
                }
            }
        }

        await copy.CompleteAsync();
    }

    private static string? Lines(IEnumerable<string> values) => values.Any() ? string.Join('\n', values) : null;
}

/// <summary>One row of the legacy table: the event it carries, and its flaw when it is a bad row.</summary>
internal sealed record LegacyRow(CaseEvent Event, DatabaseLegacyTable.Flaw? Flaw);
