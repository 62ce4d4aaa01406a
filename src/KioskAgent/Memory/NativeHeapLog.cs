namespace KioskAgent.Memory;

/// <summary>The native heap trimmer's log lines (EventIds 1010–1019, in the host's range).</summary>
public static partial class NativeHeapLog
{
    [LoggerMessage(1010, LogLevel.Information, "Native heap: not glibc, nothing to trim")]
    public static partial void NotAvailable(ILogger logger);

    [LoggerMessage(1011, LogLevel.Information, "Native heap: {Arenas}, trimmed every {Interval}")]
    public static partial void Trimming(ILogger logger, string arenas, TimeSpan interval);

    [LoggerMessage(1012, LogLevel.Information, "Native heap: {Arenas}, trimming off")]
    public static partial void TrimmingOff(ILogger logger, string arenas);

    [LoggerMessage(1013, LogLevel.Debug, "Native heap trimmed in {ElapsedMs} ms: working set {BeforeKb} -> {AfterKb} KB")]
    public static partial void Trimmed(ILogger logger, double elapsedMs, long beforeKb, long afterKb);
}
