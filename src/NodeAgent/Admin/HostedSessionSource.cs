using ExchangeNode.NodeAgent.Cli;
using ExchangeNode.NodeAgent.Hosting;

namespace ExchangeNode.NodeAgent.Admin;

/// <summary>Inside the agent, every command works on the agent's own open session.</summary>
internal sealed class HostedSessionSource(NodeSession session) : ISessionSource
{
    public NodeSession Open(string dataDirectory) => session.Borrow();
}
