namespace KioskAgent.Devices.Cpu;

/// <summary>Where and how often the host's load is sampled, and when it counts as High or Critical.</summary>
public sealed class CpuMonitorOptions
{
    public const string Section = "Cpu";

    /// <summary>Time between samples; usage is the average over this interval.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The directory that holds <c>proc/</c> and <c>sys/</c>: <c>/</c> on a real host; a fixture directory in tests,
    /// or the host's root mounted into a container (e.g. <c>/host</c>).
    /// </summary>
    public string Root { get; set; } = "/";

    public Threshold UsagePercent { get; set; } = new() { High = 85, Critical = 95 };

    public Threshold MemoryPercent { get; set; } = new() { High = 85, Critical = 95 };

    public Threshold TemperatureC { get; set; } = new() { High = 80, Critical = 95 };

    public IEnumerable<string> Validate(string prefix)
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromMinutes(5))
        {
            yield return $"{prefix}:Interval must be between 00:00:00.1 and 00:05:00 (is {Interval}).";
        }

        if (string.IsNullOrWhiteSpace(Root))
        {
            yield return $"{prefix}:Root must name a directory (\"/\" on a real host).";
        }

        foreach (var error in UsagePercent.Validate($"{prefix}:UsagePercent", 100))
        {
            yield return error;
        }

        foreach (var error in MemoryPercent.Validate($"{prefix}:MemoryPercent", 100))
        {
            yield return error;
        }

        foreach (var error in TemperatureC.Validate($"{prefix}:TemperatureC", 150))
        {
            yield return error;
        }
    }

    /// <summary>A figure at or above <see cref="High"/> reads High; at or above <see cref="Critical"/>, Critical.</summary>
    public sealed class Threshold
    {
        public double High { get; set; }

        public double Critical { get; set; }

        public IEnumerable<string> Validate(string prefix, double max)
        {
            if (!(High > 0 && High < Critical && Critical <= max))
            {
                yield return $"{prefix}: High ({High}) and Critical ({Critical}) must satisfy 0 < High < Critical <= {max}.";
            }
        }
    }
}
