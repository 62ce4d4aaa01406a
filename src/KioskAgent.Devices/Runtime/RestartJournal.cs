using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Runtime;

/// <summary>The phases a restart goes through, in order; the last is one of the four outcomes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPhase>))]
public enum RestartPhase
{
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("power_off")] PowerOff,
    [JsonStringEnumMemberName("power_on")] PowerOn,
    [JsonStringEnumMemberName("probing")] Probing,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("timeout")] TimedOut,

    /// <summary>Written on the next start for a restart that never reached an outcome (the agent died mid-way).</summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,
}

/// <summary>One step of one restart, as the supervisor reports it.</summary>
public sealed record RestartPhaseRecord(
    Guid OperationId,
    string KioskId,
    DeviceKind Device,
    RestartMethod Method,
    RestartPhase Phase,
    RestartRequest Request,
    DateTimeOffset At,
    string? Detail);

/// <summary>
/// Durable memory of restarts. The supervisor awaits <see cref="RecordAsync"/> for <see cref="RestartPhase.Requested"/>
/// before it touches the relay, so a crash mid-restart leaves a record the next start can mark interrupted.
/// A journal that fails must not stop a restart: the supervisor logs the failure and goes on.
/// </summary>
public interface IRestartJournal
{
    Task RecordAsync(RestartPhaseRecord record, CancellationToken cancellationToken);
}
