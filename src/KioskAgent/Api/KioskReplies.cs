using System.Collections.Concurrent;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

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

/// <summary>
/// The kiosk status of each kiosk with its <c>data</c> JSON, serialized once per change of a state word rather than
/// on every request: integrators poll it all day and it changes a few times a day. Each request still reads the six
/// latest snapshots (so a change shows at once) and compares their state words with the rendered ones; only the
/// request that first sees a change serializes. Renderings are immutable, swapped whole.
/// </summary>
public sealed class KioskStatusReplies(DeviceRegistry registry, IOptions<JsonOptions> json)
{
    private readonly ConcurrentDictionary<string, Rendered> _latest = new(StringComparer.Ordinal);

    /// <summary>The status of a served kiosk and its JSON, current as of this call.</summary>
    public (KioskStatus Status, ReadOnlyMemory<byte> Json) Current(string kioskId)
    {
        var status = KioskStatus.Of(registry, kioskId);
        if (!_latest.TryGetValue(kioskId, out var rendered) || !rendered.Status.Equals(status))
        {
            rendered = new Rendered(status, JsonSerializer.SerializeToUtf8Bytes(status, json.Value.SerializerOptions));
            _latest[kioskId] = rendered; // a racing request may store its own equal rendering: either is right
        }

        return (rendered.Status, rendered.Json);
    }

    private sealed record Rendered(KioskStatus Status, byte[] Json);
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
