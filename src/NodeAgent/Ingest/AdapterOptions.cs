namespace ExchangeNode.NodeAgent.Ingest;

/// <summary>One entry of node.json's "Adapters" list: a department system bridged in.</summary>
internal sealed class AdapterOptions
{
    public const string Section = "Adapters";

    /// <summary>A name unique on this node, e.g. <c>market-licensing</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>drop-folder, database, http-json, or the Kind of a plugin's factory.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>What the records are: "case" (CaseEvent) or "power" (Power).</summary>
    public string Target { get; set; } = "case";

    /// <summary>Run every this long (e.g. 00:05:00); or give <see cref="Cron"/>.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>A Quartz cron expression, e.g. "0 0/10 8-18 ? * MON-FRI".</summary>
    public string? Cron { get; set; }

    /// <summary>Canonical field path → source field name, e.g. "acceptance.counterpart.id_number": "证件号码".</summary>
    public Dictionary<string, string> Mapping { get; set; } = [];

    /// <summary>Canonical field path → a constant, e.g. "acceptance.division_code": "320321".</summary>
    public Dictionary<string, string> Defaults { get; set; } = [];

    /// <summary>The adapter's own settings (folder, connection string, URL…).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>False to keep it configured but not scheduled.</summary>
    public bool Enabled { get; set; } = true;
}
