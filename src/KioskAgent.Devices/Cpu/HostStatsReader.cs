namespace KioskAgent.Devices.Cpu;

/// <summary>One reading of the host's counters.</summary>
public sealed record HostSample(CpuTimes Cpu, LoadAverage Load, MemoryFigures Memory, double? TemperatureC);

/// <summary>
/// Reads <c>/proc/stat</c>, <c>/proc/loadavg</c>, <c>/proc/meminfo</c> and <c>/sys/class/thermal/thermal_zone*/temp</c>
/// under a root directory, so tests point it at fixture files. The three <c>/proc</c> files are required (an
/// <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> or <see cref="FormatException"/> says which
/// failed); temperature is optional, as virtual machines and many PCs expose no thermal zone.
/// </summary>
public sealed class HostStatsReader(string root)
{
    public string Root { get; } = root;

    /// <summary>The <c>proc</c> directory read, for the snapshot's connection.</summary>
    public string ProcDirectory => Path.Combine(Root, "proc");

    public HostSample Read() => new(
        ProcFormats.ParseStat(ReadRequired("proc/stat")),
        ProcFormats.ParseLoadAverage(ReadRequired("proc/loadavg")),
        ProcFormats.ParseMemInfo(ReadRequired("proc/meminfo")),
        ReadHottestZone());

    private string ReadRequired(string relative)
    {
        var path = Path.Combine(Root, relative);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The message names the file, so Offline says what is missing (e.g. no /proc on Windows).
            throw new IOException($"Cannot read {path}: {ex.Message}", ex);
        }
    }

    private double? ReadHottestZone()
    {
        var thermal = Path.Combine(Root, "sys/class/thermal");
        if (!Directory.Exists(thermal))
        {
            return null;
        }

        double? hottest = null;
        foreach (var zone in Directory.EnumerateDirectories(thermal, "thermal_zone*"))
        {
            var celsius = TryReadZone(Path.Combine(zone, "temp"));
            if (celsius > (hottest ?? double.MinValue))
            {
                hottest = celsius;
            }
        }

        return hottest;
    }

    private static double? TryReadZone(string path)
    {
        try
        {
            return ProcFormats.ParseMillidegrees(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Some zones refuse reads (sensor powered down, ENODATA): that zone has no figure; the others may.
            return null;
        }
    }
}
