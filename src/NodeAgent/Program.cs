using ExchangeNode.NodeAgent.Cli;

return await ExchangeNodeCommandLine.InvokeAsync(args);
