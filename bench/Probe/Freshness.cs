using System.Diagnostics;

namespace KioskAgent.Bench;

/// <summary>
/// Time from a fault injected into a device's emulator until the API reports its error code. The clock starts
/// before the inject request is sent, and the status is read back to back (no pause) until the code shows. Each
/// run starts clean (the reset fault applied and seen gone) after a random pause, so injections fall at every
/// phase of the poll cycle.
/// </summary>
public static class Freshness
{
    private static readonly TimeSpan SeenWithin = TimeSpan.FromSeconds(5);

    public static async Task<string> MeasureAsync(AgentClient api, Options options, CancellationToken cancellationToken)
    {
        var samples = new List<double>(options.Count);
        var misses = 0;
        for (var run = 0; run < options.Count; run++)
        {
            await api.InjectAsync(options.Reset, cancellationToken);
            if (!await WaitAsync(api, options.Code, present: false, cancellationToken))
            {
                throw new InvalidOperationException($"{options.Device}: '{options.Code}' still reported {SeenWithin.TotalSeconds} s after '{options.Reset}'.");
            }

            await Task.Delay(Random.Shared.Next(0, 400), cancellationToken);
            var clock = Stopwatch.StartNew();
            await api.InjectAsync(options.Fault, cancellationToken);
            if (await WaitAsync(api, options.Code, present: true, cancellationToken))
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
            else
            {
                misses++;
            }
        }

        await api.InjectAsync(options.Reset, cancellationToken);
        return Stats.Json("freshness", options.Device, samples, ("fault", options.Fault), ("misses", misses));
    }

    /// <summary>Reads the status back to back until the code is (or is no longer) reported, for at most 5 s.</summary>
    private static async Task<bool> WaitAsync(AgentClient api, string code, bool present, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SeenWithin)
        {
            if ((await api.ErrorCodesAsync(cancellationToken)).Contains(code) == present)
            {
                return true;
            }
        }

        return false;
    }
}
