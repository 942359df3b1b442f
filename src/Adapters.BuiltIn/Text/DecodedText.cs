namespace ExchangeNode.Adapters.BuiltIn.Text;

/// <summary>The text of a file and the name of the encoding it was decoded with (<c>utf-8</c>, <c>gb18030</c> or <c>gbk</c>).</summary>
public sealed record DecodedText(string Text, string EncodingName);
