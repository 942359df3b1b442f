using System.Globalization;

namespace ExchangeNode.Adapters.BuiltIn.Http;

/// <summary>
/// Where an http-json adapter stands: the cursor that produced a page and the index of the
/// last item taken from it, written <c>CURSOR#INDEX</c> (the cursor may be empty: the first page).
/// </summary>
internal readonly record struct HttpJsonPosition(string Cursor, int Index)
{
    public static HttpJsonPosition Start { get; } = new(string.Empty, -1);

    public static HttpJsonPosition Parse(string? position)
    {
        if (string.IsNullOrEmpty(position))
        {
            return Start;
        }

        var hash = position.LastIndexOf('#');
        return hash >= 0 && int.TryParse(position.AsSpan(hash + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= -1
            ? new HttpJsonPosition(position[..hash], index)
            : throw new FormatException($"\"{position}\" is not an http-json position (CURSOR#INDEX)");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Cursor}#{Index}");
}
