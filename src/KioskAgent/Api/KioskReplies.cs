using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Api;

/// <summary>
/// <c>GET /api/kiosk/{kiosk_id}/status</c>: one state word per component, in the seed's flat shape (plus
/// <c>dispenser</c>), read from the registry's latest snapshots.
/// </summary>
public sealed record KioskStatus(string Cpu, string Printer, string Dispenser, string Tpv, string Scanner, string BillReader)
{
    public static KioskStatus Of(DeviceRegistry registry, string kioskId) => new(
        registry.Slot(kioskId, DeviceKind.Cpu).Current.State,
        registry.Slot(kioskId, DeviceKind.Printer).Current.State,
        registry.Slot(kioskId, DeviceKind.Dispenser).Current.State,
        registry.Slot(kioskId, DeviceKind.Tpv).Current.State,
        registry.Slot(kioskId, DeviceKind.Scanner).Current.State,
        registry.Slot(kioskId, DeviceKind.BillReader).Current.State);
}

/// <summary>A completed restart (api.md, "Restart").</summary>
/// <param name="OperationId">Shared by every request that joined the same restart.</param>
/// <param name="Device">The device's status key (<c>printer</c>, <c>bill_reader</c>...).</param>
/// <param name="Method"><c>power_cycle</c> through the relay, or <c>soft_reset</c> where no relay channel is configured.</param>
/// <param name="Result">Always <c>completed</c> in a 200 reply.</param>
/// <param name="State">The device's state word once it answered again.</param>
/// <param name="DurationMs">From the restart's start until the device answered.</param>
public sealed record RestartReply(Guid OperationId, string Device, RestartMethod Method, RestartResult Result, string State, long DurationMs)
{
    public static RestartReply Of(RestartOutcome outcome) => new(
        outcome.OperationId,
        DeviceNames.StatusKey(outcome.Device),
        outcome.Method,
        outcome.Result,
        outcome.Snapshot.State,
        (long)outcome.Duration.TotalMilliseconds);
}
