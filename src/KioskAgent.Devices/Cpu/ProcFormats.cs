using System.Globalization;

namespace KioskAgent.Devices.Cpu;

/// <summary>Cumulative CPU time from the <c>cpu</c> line of <c>/proc/stat</c>, in clock ticks.</summary>
/// <param name="Total">user + nice + system + idle + iowait + irq + softirq + steal (guest time is already in user).</param>
/// <param name="Idle">idle + iowait: time no task wanted a core.</param>
/// <param name="Cores">The number of <c>cpuN</c> lines.</param>
public readonly record struct CpuTimes(ulong Total, ulong Idle, int Cores)
{
    /// <summary>Busy share between an earlier sample and this one, 0–100; null when no tick elapsed or the counters went back.</summary>
    public double? UsageSince(CpuTimes earlier)
    {
        if (Total <= earlier.Total || Idle < earlier.Idle)
        {
            return null;
        }

        var total = Total - earlier.Total;
        var idle = Idle - earlier.Idle;
        return idle >= total ? 0 : 100.0 * (total - idle) / total;
    }
}

/// <summary>The three run-queue averages of <c>/proc/loadavg</c>.</summary>
public readonly record struct LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes);

/// <summary><c>MemTotal</c> and <c>MemAvailable</c> of <c>/proc/meminfo</c>, in bytes.</summary>
public readonly record struct MemoryFigures(long TotalBytes, long AvailableBytes)
{
    public double UsedPercent => TotalBytes <= 0 ? 0 : 100.0 * (TotalBytes - AvailableBytes) / TotalBytes;
}

/// <summary>
/// Parsers of the kernel's text files (proc(5)). They take text and return values; reading the files is
/// <see cref="HostStatsReader"/>'s business. A malformed file is a <see cref="FormatException"/> naming it.
/// </summary>
public static class ProcFormats
{
    public static CpuTimes ParseStat(string text)
    {
        CpuTimes? aggregate = null;
        var cores = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                aggregate = ParseCpuLine(line[4..]);
            }
            else if (line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]))
            {
                cores++;
            }
        }

        return aggregate is { } times
            ? times with { Cores = Math.Max(cores, 1) }
            : throw new FormatException("/proc/stat has no aggregate \"cpu\" line.");
    }

    public static LoadAverage ParseLoadAverage(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 3
            || !TryParseDouble(fields[0], out var one)
            || !TryParseDouble(fields[1], out var five)
            || !TryParseDouble(fields[2], out var fifteen))
        {
            throw new FormatException("/proc/loadavg does not start with three load averages.");
        }

        return new LoadAverage(one, five, fifteen);
    }

    public static MemoryFigures ParseMemInfo(string text)
    {
        long? total = null;
        long? available = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = ParseKibibytes(line["MemTotal:".Length..]);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = ParseKibibytes(line["MemAvailable:".Length..]);
            }
        }

        if (total is not > 0 || available is null || available < 0 || available > total)
        {
            throw new FormatException("/proc/meminfo lacks a plausible MemTotal and MemAvailable (kernels before 3.14 have no MemAvailable).");
        }

        return new MemoryFigures(total.Value * 1024, available.Value * 1024);
    }

    /// <summary>A thermal zone's <c>temp</c> file: millidegrees Celsius. Null for values no working sensor reports.</summary>
    public static double? ParseMillidegrees(string text)
    {
        if (!long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli))
        {
            return null;
        }

        // Zones report 0 or negative values when the sensor is absent, and huge ones when it is broken.
        return milli is > 0 and < 200_000 ? milli / 1000.0 : null;
    }

    private static CpuTimes ParseCpuLine(ReadOnlySpan<char> fields)
    {
        ulong total = 0;
        ulong idle = 0;
        var index = 0;
        foreach (var range in fields.Split(' '))
        {
            var field = fields[range];
            if (field.IsEmpty)
            {
                continue;
            }

            // Fields 8 and 9 (guest, guest_nice) are already counted in user and nice.
            if (index < 8)
            {
                if (!ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    throw new FormatException($"/proc/stat: field {index + 1} of the cpu line is not a tick count.");
                }

                total += ticks;
                if (index is 3 or 4)
                {
                    idle += ticks;
                }
            }

            index++;
        }

        return index >= 4 ? new CpuTimes(total, idle, 0) : throw new FormatException("/proc/stat: the cpu line has fewer than four fields.");
    }

    private static long ParseKibibytes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.EndsWith("kB", StringComparison.Ordinal))
        {
            value = value[..^2].TrimEnd();
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : -1;
    }

    private static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
