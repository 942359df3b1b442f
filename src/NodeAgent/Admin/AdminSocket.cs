namespace ExchangeNode.NodeAgent.Admin;

/// <summary>The running agent's admin socket: a Unix domain socket in the data folder.</summary>
internal static class AdminSocket
{
    public const string FileName = "agent.sock";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);
}
