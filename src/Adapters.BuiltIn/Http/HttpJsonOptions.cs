namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>An http-json adapter's settings, checked.</summary>
internal sealed record HttpJsonOptions(
    Uri Url,
    string SinceParameter,
    string LimitParameter,
    int PageSize,
    string ItemsProperty,
    string CursorProperty,
    string? HeaderName,
    string? HeaderValue,
    TimeSpan Timeout,
    int Retries,
    TimeSpan RetryDelay);
