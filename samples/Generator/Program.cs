using ExchangeNode.Samples.Generator;

return GeneratorCommand.Run(args, Console.Out, Console.Error);
