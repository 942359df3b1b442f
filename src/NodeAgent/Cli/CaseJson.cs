using ExchangeNode.NodeAgent.Cases;

namespace ExchangeNode.NodeAgent.Cli;

/// <summary>The JSON shape of a case summary.</summary>
internal static class CaseJson
{
    public static object Summary(CaseSummary c) => new
    {
        serial = c.Serial,
        status = c.Status.ToString(),
        powerCode = c.PowerCode,
        powerVersion = c.PowerVersion,
        title = c.Title,
        division = c.Division,
        department = c.Department,
        acceptedAt = c.AcceptedAt,
        lastEventAt = c.LastEventAt,
        events = c.EventSequences.Count,
        warnings = c.Warnings,
    };
}
