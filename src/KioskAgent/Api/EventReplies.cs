using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Webhooks;

namespace KioskAgent.Api;

/// <summary><c>GET /api/kiosk/{kiosk_id}/events</c>: a page of the journal, newest first.</summary>
/// <param name="Events">At most <c>limit</c> entries.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the older entries; null on the last page.</param>
public sealed record EventsPage(IReadOnlyList<EventView> Events, string? NextCursor);

/// <summary>One journal entry, as the events route, the live stream and webhooks show it.</summary>
/// <param name="Id">Increases with every entry, never reused: the stream's event id and the webhook's X-Kiosk-Event-Id.</param>
/// <param name="Type">transition, restart or auth.</param>
/// <param name="KioskId">Null for the caller's own authentication attempts (they belong to no kiosk).</param>
/// <param name="Device">The device's status key, or null.</param>
/// <param name="OccurredAt">When the agent saw it (UTC).</param>
/// <param name="Data">transition: from, to, reasons, cleared, observed_at. restart: operation_id, phase, method, integrator, request_id, detail, elapsed_ms. auth: client_id, client_known, origin, outcome, success.</param>
/// <param name="Webhook">Where the delivery of this entry to the caller's webhook stands; null when none is configured for it.</param>
public sealed record EventView(long Id, EntryType Type, string? KioskId, string? Device, DateTimeOffset OccurredAt, EntryDetail Data, WebhookDeliveryView? Webhook)
{
    public static EventView Of(JournalEntry entry, WebhookDeliveryState? delivery) => new(
        entry.Id, entry.Type, entry.KioskId, entry.Device, entry.OccurredAt, entry.Detail,
        delivery is null ? null : new WebhookDeliveryView(delivery.Status, delivery.Attempts, delivery.DeliveredAt, delivery.NextAttemptAt, delivery.LastError));
}

/// <summary>One webhook delivery's state.</summary>
/// <param name="Status">pending, delivered or failed (given up).</param>
/// <param name="Attempts">POSTs made so far.</param>
/// <param name="DeliveredAt">When the receiver answered 2xx.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried again.</param>
/// <param name="LastError">What the last failed attempt got.</param>
public sealed record WebhookDeliveryView(DeliveryStatus Status, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, string? LastError);
