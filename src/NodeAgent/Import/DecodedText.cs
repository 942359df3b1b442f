namespace ExchangeNode.NodeAgent.Import;

/// <summary>The text of a file and the name of the encoding it was decoded with (<c>utf-8</c>, <c>gb18030</c> or <c>gbk</c>).</summary>
internal sealed record DecodedText(string Text, string EncodingName);
