using System.Globalization;
using System.Text.Json;

namespace KioskAgent.Bench;

/// <summary>Nearest-rank percentiles and the one-line JSON summary the harness reads.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double percent)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Json(string kind, string device, IReadOnlyList<double> samples, params (string Name, object Value)[] extra)
    {
        var summary = new Dictionary<string, object>
        {
            ["kind"] = kind,
            ["device"] = device,
            ["count"] = samples.Count,
            ["p50_ms"] = Round(Percentile(samples, 50)),
            ["p95_ms"] = Round(Percentile(samples, 95)),
            ["max_ms"] = samples.Count == 0 ? double.NaN : Round(samples.Max()),
            ["min_ms"] = samples.Count == 0 ? double.NaN : Round(samples.Min()),
        };
        foreach (var (name, value) in extra)
        {
            summary[name] = value is double d ? Round(d) : value;
        }

        return JsonSerializer.Serialize(summary, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
