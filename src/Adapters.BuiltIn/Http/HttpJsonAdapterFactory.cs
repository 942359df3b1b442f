using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>
/// Kind <c>http-json</c>: pages through a department's HTTP API with a since-cursor
/// (<c>GET /api/cases?since=CURSOR&amp;limit=500</c>), retrying server errors with backoff.
/// </summary>
public sealed class HttpJsonAdapterFactory : IAdapterFactory
{
    /// <inheritdoc />
    public string Kind => "http-json";

    /// <inheritdoc />
    public ISourceAdapter Create(AdapterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var url = settings.Require("Url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AdapterConfigurationException(settings.Name, "Url", $"\"{url}\" is not an absolute http:// or https:// address");
        }

        string? headerValue = null;
        var headerName = settings.Get("HeaderName");
        if (headerName is not null)
        {
            var variable = settings.Get("HeaderValueEnv")
                ?? throw new AdapterConfigurationException(settings.Name, "HeaderValueEnv", "is required with HeaderName: the environment variable holding the header's value (never the secret itself)");
            headerValue = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(headerValue))
            {
                throw new AdapterConfigurationException(settings.Name, "HeaderValueEnv", $"names the environment variable {variable}, which is not set");
            }
        }

        var options = new HttpJsonOptions(
            uri,
            settings.Get("SinceParameter") ?? "since",
            settings.Get("LimitParameter") ?? "limit",
            Positive(settings, "PageSize", 500),
            settings.Get("ItemsProperty") ?? "items",
            settings.Get("CursorProperty") ?? "next",
            headerName,
            headerValue,
            Duration(settings, "Timeout", TimeSpan.FromSeconds(30), allowZero: false),
            NonNegative(settings, "Retries", 5),
            Duration(settings, "RetryDelay", TimeSpan.FromSeconds(1), allowZero: true));
        return new HttpJsonAdapter(options);
    }

    private static int Positive(AdapterSettings settings, string key, int fallback)
    {
        var value = NonNegative(settings, key, fallback);
        return value > 0 ? value : throw new AdapterConfigurationException(settings.Name, key, "must be a whole number above 0");
    }

    private static int NonNegative(AdapterSettings settings, string key, int fallback) =>
        settings.Get(key) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new AdapterConfigurationException(settings.Name, key, $"\"{text}\" is not a whole number");

    private static TimeSpan Duration(AdapterSettings settings, string key, TimeSpan fallback, bool allowZero)
    {
        if (settings.Get(key) is not { } text)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero))
            ? value
            : throw new AdapterConfigurationException(settings.Name, key, $"\"{text}\" is not a duration such as 00:00:30");
    }
}
