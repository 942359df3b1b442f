namespace ExchangeNode.Tests.Support;

/// <summary>Files of the repository (samples), found from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ExchangeNode.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("ExchangeNode.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Sample(string name) => Path.Combine(Root, "samples", "data", name);
}
