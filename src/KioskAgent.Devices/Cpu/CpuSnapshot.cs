using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Cpu;

/// <summary>
/// The host computer's load as last sampled. Figures the host does not expose are null (no thermal zone on a
/// virtual machine; no usage figure before the second sample of <c>/proc/stat</c>).
/// </summary>
public sealed record CpuSnapshot : DeviceSnapshot
{
    /// <summary>Busy share of all cores between the last two samples of <c>/proc/stat</c>, 0–100.</summary>
    public double? UsagePercent { get; init; }

    /// <summary>Logical processors counted in <c>/proc/stat</c>.</summary>
    public int? Cores { get; init; }

    /// <summary>Run-queue averages over 1, 5 and 15 minutes from <c>/proc/loadavg</c>.</summary>
    [JsonPropertyName("load_1m")]
    public double? Load1m { get; init; }

    [JsonPropertyName("load_5m")]
    public double? Load5m { get; init; }

    [JsonPropertyName("load_15m")]
    public double? Load15m { get; init; }

    public long? MemoryTotalBytes { get; init; }

    /// <summary><c>MemAvailable</c>: what can be given to new work without swapping.</summary>
    public long? MemoryAvailableBytes { get; init; }

    public double? MemoryUsedPercent { get; init; }

    /// <summary>The hottest thermal zone in °C; null where the host exposes none.</summary>
    public double? TemperatureC { get; init; }

    /// <summary>Before the first sample: Offline, nothing known.</summary>
    public static CpuSnapshot Unknown { get; } = new() { Kind = DeviceKind.Cpu, Health = DeviceHealth.Offline };
}
