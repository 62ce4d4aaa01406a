using Microsoft.Extensions.Logging;

namespace KioskAgent.Devices.Runtime;

/// <summary>The supervisor's log lines (EventIds 2000–2099).</summary>
internal static partial class SupervisorLog
{
    [LoggerMessage(2000, LogLevel.Warning, "{Device} of kiosk {KioskId} is offline: {Code}: {Reason}")]
    public static partial void Fault(ILogger logger, DeviceKind device, string kioskId, string code, string reason, Exception? exception);

    [LoggerMessage(2001, LogLevel.Information, "{Device} of kiosk {KioskId} answers on {Port}")]
    public static partial void Answering(ILogger logger, DeviceKind device, string kioskId, string port);

    [LoggerMessage(2010, LogLevel.Warning, "Restart {OperationId} of {Device} (kiosk {KioskId}) by {Integrator}, request {RequestId}: {Method}; it interrupts whatever the device was doing")]
    public static partial void RestartRequested(ILogger logger, DeviceKind device, string kioskId, Guid operationId, RestartMethod method, string integrator, string requestId);

    [LoggerMessage(2011, LogLevel.Information, "Restart {OperationId} of {Device} (kiosk {KioskId}) joined by {Integrator}, request {RequestId}")]
    public static partial void RestartJoined(ILogger logger, DeviceKind device, string kioskId, Guid operationId, string integrator, string requestId);

    [LoggerMessage(2012, LogLevel.Information, "Restart {OperationId} of {Device} (kiosk {KioskId}): power off via {Relay}")]
    public static partial void PowerOff(ILogger logger, DeviceKind device, string kioskId, Guid operationId, string relay);

    [LoggerMessage(2013, LogLevel.Information, "Restart {OperationId} of {Device} (kiosk {KioskId}): power on via {Relay}, probing")]
    public static partial void PowerOn(ILogger logger, DeviceKind device, string kioskId, Guid operationId, string relay);

    [LoggerMessage(2014, LogLevel.Information, "Restart {OperationId} of {Device} (kiosk {KioskId}) by {Integrator}: completed after {DurationMs} ms")]
    public static partial void RestartCompleted(ILogger logger, DeviceKind device, string kioskId, Guid operationId, long durationMs, string integrator);

    [LoggerMessage(2016, LogLevel.Warning, "Restart {OperationId} of {Device} (kiosk {KioskId}) by {Integrator}: {Result} after {DurationMs} ms: {Failure}")]
    public static partial void RestartUnsuccessful(ILogger logger, DeviceKind device, string kioskId, Guid operationId, RestartResult result, long durationMs, string integrator, string? failure);

    [LoggerMessage(2015, LogLevel.Error, "Restart {OperationId} of {Device} (kiosk {KioskId}): the journal could not record {Phase}; the restart goes on")]
    public static partial void JournalFailed(ILogger logger, DeviceKind device, string kioskId, Guid operationId, RestartPhase phase, Exception exception);
}
