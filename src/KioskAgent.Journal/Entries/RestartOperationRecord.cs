using KioskAgent.Devices.Runtime;

namespace KioskAgent.Journal.Entries;

/// <summary>A restart as the journal holds it: who asked, each phase with its time, and how it ended.</summary>
/// <param name="OperationId">As the restart route answered it.</param>
/// <param name="KioskId">The kiosk.</param>
/// <param name="Device">The device's status key.</param>
/// <param name="Method">power_cycle or soft_reset.</param>
/// <param name="Integrator">The client id that asked for it.</param>
/// <param name="RequestId">The HTTP request that asked for it.</param>
/// <param name="RequestedAt">When it was requested (UTC).</param>
/// <param name="FinishedAt">When it reached its outcome; null while in progress.</param>
/// <param name="Outcome">completed, failed, timeout or interrupted; null while it is in progress.</param>
/// <param name="DurationMs">From requested to the outcome.</param>
/// <param name="Phases">In the order they happened.</param>
public sealed record RestartOperationRecord(
    Guid OperationId,
    string KioskId,
    string Device,
    RestartMethod Method,
    string Integrator,
    string RequestId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    RestartPhase? Outcome,
    long? DurationMs,
    IReadOnlyList<RestartPhaseStep> Phases);

/// <summary>One phase of a restart.</summary>
/// <param name="Phase">requested, power_off, power_on, probing, or the outcome.</param>
/// <param name="At">When the supervisor reached it (UTC).</param>
/// <param name="Detail">The relay channel, the failure, or the duration and final state.</param>
/// <param name="DurationMs">Until the next phase; null for the last one.</param>
/// <param name="EntryId">The journal entry that recorded it.</param>
public sealed record RestartPhaseStep(RestartPhase Phase, DateTimeOffset At, long? DurationMs, string? Detail, long EntryId);
