using System.Diagnostics;

namespace KioskAgent.Bench;

/// <summary>
/// Restart overhead: the reply's <c>duration_ms</c> minus what the configuration makes the restart wait on purpose
/// (the relay's PowerOffTime and the emulator's EmulatorBootTime, passed as --subtract-ms).
/// </summary>
public static class Restarts
{
    public static async Task<string> MeasureAsync(AgentClient api, Options options, CancellationToken cancellationToken)
    {
        var overheads = new List<double>(options.Count);
        var wall = new List<double>(options.Count);
        for (var run = 0; run < options.Count; run++)
        {
            var clock = Stopwatch.StartNew();
            var (durationMs, state) = await api.RestartAsync(cancellationToken);
            wall.Add(clock.Elapsed.TotalMilliseconds);
            overheads.Add(durationMs - options.SubtractMs);
            if (state is "Offline" or "Restarting")
            {
                throw new InvalidOperationException($"{options.Device} came back {state}.");
            }
        }

        return Stats.Json("restart", options.Device, overheads,
            ("subtracted_ms", options.SubtractMs), ("wall_p50_ms", Stats.Percentile(wall, 50)));
    }
}
