namespace KioskAgent.Journal.Tests.Support;

/// <summary>Waits for a condition driven by real background work, with a hard limit.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(10);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > limit)
            {
                throw new Xunit.Sdk.XunitException($"Not true within {limit.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
