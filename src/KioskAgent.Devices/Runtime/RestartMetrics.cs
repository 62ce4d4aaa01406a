using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KioskAgent.Devices.Runtime;

/// <summary>
/// Restarts as metrics, on the plain <see cref="System.Diagnostics.Metrics"/> API so this library needs no telemetry
/// package: whoever listens to the meter <see cref="MeterName"/> (the host's OpenTelemetry) collects them.
/// </summary>
public static class RestartMetrics
{
    public const string MeterName = "KioskAgent.Devices";

    public const string RestartsName = "kioskagent.device.restarts";

    public const string DurationName = "kioskagent.device.restart.duration";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Restarts = Meter.CreateCounter<long>(
        RestartsName, "{restart}", "Restarts by outcome: completed, timeout, failed, not_supported.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        DurationName, "s", "Time from a restart's request to its outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 120] });

    /// <summary>Counts one restart that reached an outcome and records how long it took.</summary>
    public static void Record(string kioskId, RestartOutcome outcome)
    {
        var tags = new TagList
        {
            { "kiosk", kioskId },
            { "device", DeviceNames.StatusKey(outcome.Device) },
            { "method", outcome.Method == RestartMethod.PowerCycle ? "power_cycle" : "soft_reset" },
            { "outcome", OutcomeWord(outcome.Result) },
        };
        Restarts.Add(1, tags);
        Duration.Record(outcome.Duration.TotalSeconds, tags);
    }

    public static string OutcomeWord(RestartResult result) => result switch
    {
        RestartResult.Completed => "completed",
        RestartResult.TimedOut => "timeout",
        RestartResult.Failed => "failed",
        RestartResult.NotSupported => "not_supported",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
