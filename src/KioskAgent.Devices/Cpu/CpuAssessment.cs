namespace KioskAgent.Devices.Cpu;

/// <summary>Turns samples into snapshots: the figures, and a health from the configured thresholds.</summary>
public static class CpuAssessment
{
    /// <summary>A snapshot of one sample; <paramref name="previous"/> (null on the first sample) gives the usage delta.</summary>
    public static CpuSnapshot Assess(HostSample sample, HostSample? previous, CpuMonitorOptions options, DateTimeOffset observedAt, string port)
    {
        var usage = previous is null ? null : sample.Cpu.UsageSince(previous.Cpu);
        var errors = new List<DeviceError>(3);
        var health = DeviceHealth.Healthy;
        Judge(usage, options.UsagePercent, "cpu_usage", "CPU usage", "%", ref health, errors);
        Judge(sample.Memory.UsedPercent, options.MemoryPercent, "memory_usage", "Memory use", "%", ref health, errors);
        Judge(sample.TemperatureC, options.TemperatureC, "temperature", "CPU temperature", " °C", ref health, errors);

        return new CpuSnapshot
        {
            Kind = DeviceKind.Cpu,
            Health = health,
            ObservedAt = observedAt,
            Connection = ConnectionInfo.Connected("procfs", port),
            Errors = errors,
            UsagePercent = Round(usage),
            Cores = sample.Cpu.Cores,
            Load1m = sample.Load.OneMinute,
            Load5m = sample.Load.FiveMinutes,
            Load15m = sample.Load.FifteenMinutes,
            MemoryTotalBytes = sample.Memory.TotalBytes,
            MemoryAvailableBytes = sample.Memory.AvailableBytes,
            MemoryUsedPercent = Round(sample.Memory.UsedPercent),
            TemperatureC = Round(sample.TemperatureC),
        };
    }

    /// <summary>The host's counters could not be read: Offline, saying which file and why.</summary>
    public static CpuSnapshot Unreadable(CpuSnapshot last, Exception reason, string port) => last with
    {
        Health = DeviceHealth.Offline,
        Connection = ConnectionInfo.Disconnected("procfs", port),
        Errors = [new DeviceError("host_stats_unavailable", reason.Message, RecoveryAction.Maintenance)],
    };

    private static void Judge(double? value, CpuMonitorOptions.Threshold threshold, string code, string what, string unit, ref DeviceHealth health, List<DeviceError> errors)
    {
        if (value is not { } figure || figure < threshold.High)
        {
            return;
        }

        var critical = figure >= threshold.Critical;
        var limit = critical ? threshold.Critical : threshold.High;
        errors.Add(new DeviceError(
            critical ? $"{code}_critical" : $"{code}_high",
            $"{what} is {figure:0.#}{unit}, at or above the {(critical ? "critical" : "high")} threshold of {limit:0.#}{unit}.",
            RecoveryAction.Maintenance));
        var level = critical ? DeviceHealth.Error : DeviceHealth.Warning;
        if (level > health)
        {
            health = level;
        }
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
