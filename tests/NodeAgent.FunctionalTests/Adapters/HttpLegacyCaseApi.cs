using ExchangeNode.Samples.Generator;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ExchangeNode.Protocol.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ExchangeNode.NodeAgent.FunctionalTests.Adapters;

/// <summary>
/// A department's case system as a real Kestrel endpoint on 127.0.0.1: <c>GET /api/cases?since=ID&amp;limit=N</c>
/// answers <c>{"items": [...], "next": lastId}</c> in its own legacy shape (pinyin initials, Chinese labels,
/// Beijing time without offset). Every third page fails once with 503 first; a gate can hold pages back.
/// </summary>
internal sealed class HttpLegacyCaseApi : IAsyncDisposable
{
    public const string KeyHeader = "X-Api-Key";

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly WebApplication _app;
    private readonly List<JsonObject> _items = [];
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _gate;
    private int _holdAfter = int.MaxValue;
    private int _unavailable;
    private int _pages;

    private HttpLegacyCaseApi(string key)
    {
        var port = TestNode.FreePort();
        Address = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Address);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/api/cases", (Delegate)((HttpContext context) => ServeAsync(context, key)));
    }

    public string Address { get; }

    public string Url => Address + "/api/cases";

    /// <summary>How many 503 answers were given.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>Completes when a page is being held back by <see cref="HoldAfter"/>.</summary>
    public Task Held => _held.Task;

    public static async Task<HttpLegacyCaseApi> StartAsync(IEnumerable<JsonObject> items, string key)
    {
        var api = new HttpLegacyCaseApi(key);
        var id = 0L;
        foreach (var item in items)
        {
            item["id"] = ++id;
            api._items.Add(item);
        }

        await api._app.StartAsync();
        return api;
    }

    /// <summary>Serves <paramref name="pages"/> pages, then holds every further one until <see cref="Release"/>.</summary>
    public void HoldAfter(int pages)
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdAfter = pages;
    }

    public void Release() => _gate?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A synthetic event in the legacy system's shape: every property present, null when empty.</summary>
    public static JsonObject Legacy(CaseEvent e)
    {
        var a = e.Acceptance;
        var c = a?.Counterpart;
        var d = e.Decision;
        return new JsonObject
        {
            ["bjlsh"] = e.CaseSerial,
            ["sjbh"] = e.EventId,
            ["hjmc"] = LegacyRows.KindLabel(e.Kind) ?? e.Kind.ToString(),
            ["sj"] = e.OccurredAt.ToDateTimeOffset().ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["gw"] = e.Post,
            ["blr"] = e.Actor,
            ["yj"] = e.Opinion,
            ["tl"] = e.Stance == Stance.Unspecified ? null : e.Stance.ToString(),
            ["sl"] = new JsonObject
            {
                ["sxbm"] = a?.PowerCode,
                ["sxbb"] = a?.PowerVersion,
                ["bt"] = a?.Title,
                ["xdr"] = new JsonObject
                {
                    ["lx"] = c is null ? null : c.Kind == CounterpartKind.Person ? "个人" : "单位",
                    ["mc"] = c?.Name,
                    ["zjlx"] = c is null || c.IdType == IdType.Unspecified ? null : c.IdType.ToString(),
                    ["zjhm"] = c?.IdNumber,
                    ["tyxydm"] = c?.CreditCode,
                    ["lxr"] = c?.Contact,
                    ["dh"] = c?.Phone,
                },
                ["qh"] = a?.DivisionCode,
                ["bm"] = new JsonObject { ["mc"] = a?.Department?.Name, ["dm"] = a?.Department?.Code },
                ["qd"] = a?.Channel,
                ["fdqx"] = a?.StatutoryLimitDays,
                ["cnqx"] = a?.PromisedLimitDays,
                ["cl"] = a is null || a.Materials.Count == 0 ? null : new JsonArray([.. a.Materials.Select(m => JsonValue.Create(m))]),
            },
            ["jd"] = new JsonObject
            {
                ["jg"] = d is null ? null : d.Outcome.ToString(),
                ["wh"] = d?.DocumentNumber,
                ["je"] = d is null || d.PenaltyAmount == 0 ? null : d.PenaltyAmount,
                ["qj"] = d?.Circumstance,
            },
            ["bah"] = e.MergedInto,
            ["ws"] = e.Documents.Count == 0 ? null : new JsonArray([.. e.Documents.Select(m => JsonValue.Create(m))]),
        };
    }

    private async Task<IResult> ServeAsync(HttpContext context, string key)
    {
        if (context.Request.Headers[KeyHeader] != key)
        {
            return Results.Unauthorized();
        }

        var since = long.TryParse(context.Request.Query["since"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var limit = int.Parse(context.Request.Query["limit"]!, CultureInfo.InvariantCulture);
        var attempt = _attempts.AddOrUpdate(context.Request.QueryString.Value ?? string.Empty, 1, (_, n) => n + 1);
        if (attempt == 1 && _attempts.Count % 3 == 2)
        {
            var unavailable = Interlocked.Increment(ref _unavailable);
            if (unavailable % 2 == 0)
            {
                context.Response.Headers.RetryAfter = "0";
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (Interlocked.Increment(ref _pages) > _holdAfter && _gate is { } gate)
        {
            _held.TrySetResult();
            await gate.Task;
        }

        var page = _items.Where(i => (long)i["id"]! > since).Take(limit).ToList();
        var next = page.Count > 0 ? (long)page[^1]["id"]! : since;
        return Results.Text(
            new JsonObject { ["items"] = new JsonArray([.. page.Select(i => i.DeepClone())]), ["next"] = next }.ToJsonString(),
            "application/json; charset=utf-8");
    }
}
