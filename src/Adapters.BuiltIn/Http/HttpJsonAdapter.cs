using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>
/// Reads pages <c>GET Url?since=CURSOR&amp;limit=N</c> until a page is empty or the cursor stops
/// moving. The position after an item is the cursor that produced its page and its index in
/// it, so a run that stopped anywhere asks for the same page again and skips what was committed.
/// </summary>
internal sealed class HttpJsonAdapter : ISourceAdapter
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    private readonly HttpJsonOptions _options;
    private readonly HttpClient _client;

    public HttpJsonAdapter(HttpJsonOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _client = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Each attempt has its own timeout (Timeout setting); the client's would cut retries short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async IAsyncEnumerable<SourceRecord> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var at = HttpJsonPosition.Parse(position);
        var cursor = at.Cursor;
        var taken = at.Index;
        Task<Page>? next = null;

        // One per reading: its pages are fetched one after the other, never two at once.
        var flattener = new JsonFlattener();
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var page = await (next ?? FetchAsync(cursor, flattener, cancellationToken));
                next = null;
                var more = page.Items.Count > 0 && page.Next is not null && page.Next != cursor;

                // Fetch the next page while the agent maps and commits this one.
                if (more)
                {
                    next = FetchAsync(page.Next!, flattener, prefetch.Token);
                }

                for (var i = taken + 1; i < page.Items.Count; i++)
                {
                    yield return new SourceRecord(page.Items[i], new HttpJsonPosition(cursor, i).ToString(), $"{page.Request} item {i}");
                }

                if (!more)
                {
                    yield break;
                }

                cursor = page.Next!;
                taken = -1;
            }
        }
        finally
        {
            await PrefetchedPage.AbandonAsync(next, prefetch);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private Uri PageUri(string cursor)
    {
        var query = _options.Url.Query.TrimStart('?');
        var parameters = new List<string>(3);
        if (query.Length > 0)
        {
            parameters.Add(query);
        }

        if (cursor.Length > 0)
        {
            parameters.Add(Uri.EscapeDataString(_options.SinceParameter) + "=" + Uri.EscapeDataString(cursor));
        }

        parameters.Add(Uri.EscapeDataString(_options.LimitParameter) + "=" + _options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new UriBuilder(_options.Url) { Query = string.Join('&', parameters) }.Uri;
    }

    private string Describe(string cursor) =>
        cursor.Length == 0 ? $"GET {_options.Url.AbsolutePath}" : $"GET {_options.Url.AbsolutePath}?{_options.SinceParameter}={cursor}";

    private async Task<Page> FetchAsync(string cursor, JsonFlattener flattener, CancellationToken cancellationToken)
    {
        var uri = PageUri(cursor);
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan wait;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    if (_options.HeaderName is { } name)
                    {
                        request.Headers.TryAddWithoutValidation(name, _options.HeaderValue);
                    }

                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                        return await ReadPageAsync(body, uri, cursor, flattener, response.Content.Headers.ContentLength, timeout.Token);
                    }

                    if (!IsTransient(response.StatusCode) || attempt >= _options.Retries)
                    {
                        throw new HttpRequestException(
                            $"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}{(attempt > 0 ? $" after {attempt + 1} attempts" : string.Empty)}",
                            inner: null,
                            response.StatusCode);
                    }

                    wait = RetryAfter(response) ?? Backoff(attempt);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= _options.Retries)
                    {
                        throw new HttpRequestException($"GET {uri} did not answer within {_options.Timeout} ({attempt + 1} attempts)");
                    }

                    wait = Backoff(attempt);
                }
                catch (Exception ex) when (ex is HttpRequestException { StatusCode: null } or IOException)
                {
                    if (attempt >= _options.Retries)
                    {
                        throw new HttpRequestException($"GET {uri} failed after {attempt + 1} attempts: {ex.Message}", ex);
                    }

                    wait = Backoff(attempt);
                }
            }

            await Task.Delay(wait, cancellationToken);
        }
    }

    private async Task<Page> ReadPageAsync(Stream body, Uri uri, string cursor, JsonFlattener flattener, long? length, CancellationToken cancellationToken)
    {
        // The page read whole into a pooled buffer, then parsed in one pass: a page is up to
        // PageSize items, and a fresh array of its size for each page would be garbage of the large-object heap.
        var buffer = ArrayPool<byte>.Shared.Rent(length is > 0 and < int.MaxValue / 2 ? (int)length + 1 : 64 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            List<IReadOnlyDictionary<string, string>>? items;
            string? next;
            try
            {
                (items, next) = flattener.ReadPage(buffer.AsSpan(0, filled), _options.ItemsProperty, _options.CursorProperty);
            }
            catch (JsonException ex)
            {
                throw new HttpRequestException($"GET {uri} did not answer JSON: {ex.Message}", ex, HttpStatusCode.OK);
            }

            return items is null
                ? throw new HttpRequestException(
                    $"GET {uri}: the answer has no array \"{_options.ItemsProperty}\" (Settings:ItemsProperty)", inner: null, HttpStatusCode.OK)
                : new Page(Describe(cursor), items, next);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is null ? null
            : wait < TimeSpan.Zero ? TimeSpan.Zero
            : wait > LongestWait ? LongestWait
            : wait;
    }

    private TimeSpan Backoff(int attempt)
    {
        var wait = _options.RetryDelay * Math.Pow(2, Math.Min(attempt, 16));
        return wait > LongestWait ? LongestWait : wait;
    }

    private sealed record Page(string Request, IReadOnlyList<IReadOnlyDictionary<string, string>> Items, string? Next);
}
