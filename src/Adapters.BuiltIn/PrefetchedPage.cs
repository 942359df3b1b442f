namespace ExchangeNode.Adapters.BuiltIn;

/// <summary>The next page an adapter fetches while the agent commits the current one.</summary>
internal static class PrefetchedPage
{
    /// <summary>
    /// Reading stopped before the prefetched page was used: stop fetching it (no retries for
    /// nothing) and observe how it ended, so no failure goes unobserved.
    /// </summary>
    public static async Task AbandonAsync(Task? next, CancellationTokenSource stop)
    {
        if (next is null)
        {
            return;
        }

        await stop.CancelAsync();
        await next.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
