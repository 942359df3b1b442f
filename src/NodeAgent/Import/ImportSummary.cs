using ExchangeNode.NodeAgent.Validation;

namespace ExchangeNode.NodeAgent.Import;

/// <summary>What an import did: counts, and each rejected or warned row with its problems.</summary>
internal sealed class ImportSummary(string file)
{
    public string File { get; } = file;

    public int Accepted { get; set; }

    public int Unchanged { get; set; }

    public int Rejected => Rejections.Count;

    public List<RowReport> Rejections { get; } = [];

    public List<RowReport> Warnings { get; } = [];
}
