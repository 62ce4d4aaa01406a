using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Runtime;

/// <summary>Who asked for a restart, for the log and the journal.</summary>
/// <param name="RequestedBy">The integrator's client id.</param>
/// <param name="RequestId">The HTTP request's id.</param>
public sealed record RestartRequest(string RequestedBy, string RequestId);

[JsonConverter(typeof(JsonStringEnumConverter<RestartMethod>))]
public enum RestartMethod
{
    /// <summary>Supply cut and restored through the kiosk's relay board.</summary>
    [JsonStringEnumMemberName("power_cycle")] PowerCycle,

    /// <summary>The device's own reset command (no relay channel configured).</summary>
    [JsonStringEnumMemberName("soft_reset")] SoftReset,
}

[JsonConverter(typeof(JsonStringEnumConverter<RestartResult>))]
public enum RestartResult
{
    /// <summary>The device answers its health probe again.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>The device did not answer before the deadline; it keeps being probed and may come back later.</summary>
    [JsonStringEnumMemberName("timeout")] TimedOut,

    /// <summary>The restart could not be carried out (relay did not switch, reset refused).</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Neither a relay channel nor a reset command exists for this device.</summary>
    [JsonStringEnumMemberName("not_supported")] NotSupported,
}

/// <summary>What a restart came to.</summary>
public sealed record RestartOutcome(
    Guid OperationId,
    DeviceKind Device,
    RestartMethod Method,
    RestartResult Result,
    DeviceSnapshot Snapshot,
    TimeSpan Duration,
    string? Failure);

/// <summary>Performs restarts of one device; concurrent requests join the one in progress.</summary>
public interface IDeviceRestarter
{
    /// <summary>
    /// Starts a restart, or joins the one in progress, and waits for its outcome. Cancelling only stops
    /// this caller's wait: the restart goes on.
    /// </summary>
    Task<RestartOutcome> RestartAsync(RestartRequest request, CancellationToken cancellationToken);
}
