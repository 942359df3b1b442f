namespace ExchangeNode.NodeAgent.Cli;

/// <summary>The exit codes every command keeps to.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>Data rejected or verification failed.</summary>
    public const int Rejected = 1;

    /// <summary>Usage or configuration error.</summary>
    public const int Usage = 2;
}
