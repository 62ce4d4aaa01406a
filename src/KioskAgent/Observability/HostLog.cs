namespace KioskAgent.Observability;

/// <summary>The host's own log lines (EventIds 1000–1099; auth uses 1100–1199).</summary>
public static partial class HostLog
{
    [LoggerMessage(1000, LogLevel.Error, "Unhandled exception on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(1001, LogLevel.Information, "Rejected {Method} {Path} with {Status}: {Reason}")]
    public static partial void BadRequest(ILogger logger, int status, string method, string path, string reason);

    [LoggerMessage(1002, LogLevel.Debug, "Client went away during {Method} {Path}")]
    public static partial void RequestAborted(ILogger logger, string method, string path);
}
