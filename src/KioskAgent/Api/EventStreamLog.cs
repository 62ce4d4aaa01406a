namespace KioskAgent.Api;

/// <summary>The live stream's log lines (EventIds 4200–4299).</summary>
internal static partial class EventStreamLog
{
    [LoggerMessage(4200, LogLevel.Information, "Live stream of kiosk {KioskId} opened by {Integrator} (Last-Event-ID {LastEventId})")]
    public static partial void Opened(ILogger logger, string kioskId, string integrator, string lastEventId);

    [LoggerMessage(4201, LogLevel.Information, "Live stream of kiosk {KioskId} to {Integrator} closed")]
    public static partial void Closed(ILogger logger, string kioskId, string integrator);

    [LoggerMessage(4202, LogLevel.Warning, "Live stream of kiosk {KioskId} refused to {Integrator}: {Open} streams open already")]
    public static partial void Refused(ILogger logger, string kioskId, string integrator, int open);

    [LoggerMessage(4203, LogLevel.Warning, "Live stream ended: the journal cannot be read ({Reason})")]
    public static partial void Failed(ILogger logger, string reason);
}
