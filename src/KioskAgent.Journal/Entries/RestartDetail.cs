using System.Text.Json.Serialization;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Journal.Entries;

/// <summary>One phase of a restart; the operation's whole record is <see cref="RestartOperationRecord"/>.</summary>
/// <param name="OperationId">The restart, as the restart route answered it.</param>
/// <param name="Phase">requested, power_off, power_on, probing, then completed/failed/timeout/interrupted.</param>
/// <param name="Method">power_cycle or soft_reset.</param>
/// <param name="Integrator">The client id that asked for it.</param>
/// <param name="RequestId">The HTTP request that asked for it.</param>
/// <param name="Detail">The relay channel, the failure, or the duration and final state.</param>
/// <param name="ElapsedMs">Since the restart was requested.</param>
public sealed record RestartDetail(
    Guid OperationId,
    RestartPhase Phase,
    RestartMethod Method,
    string Integrator,
    string RequestId,
    string? Detail,
    long ElapsedMs) : EntryDetail
{
    [JsonIgnore]
    public override EntryType Type => EntryType.Restart;
}
