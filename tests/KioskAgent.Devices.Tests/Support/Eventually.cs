namespace KioskAgent.Devices.Tests.Support;

/// <summary>Waits for a condition driven by real background work (socat, serial ports), with a hard limit.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > within)
            {
                throw new Xunit.Sdk.XunitException($"Not true within {within.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(10);
        }

        return started.Elapsed;
    }
}
