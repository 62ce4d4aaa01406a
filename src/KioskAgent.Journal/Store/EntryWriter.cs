using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Webhooks;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>Inserts entries, each with its webhook deliveries in the same transaction (the outbox is never behind).</summary>
internal static class EntryWriter
{
    public static JournalEntry Insert(SqliteConnection connection, SqliteTransaction transaction, PendingEntry pending, WebhookOptions webhooks)
    {
        // The database keeps milliseconds: so does the entry handed to live subscribers, so a replay reads the same.
        var occurredAt = Sql.At(Sql.Ms(pending.OccurredAt));
        var id = connection.Long(
            transaction,
            "INSERT INTO entries (type, kiosk_id, device, occurred_at, data) VALUES ($type, $kiosk, $device, $at, $data) RETURNING id;",
            ("$type", EntryTypes.Word(pending.Detail.Type)),
            ("$kiosk", pending.KioskId),
            ("$device", pending.Device),
            ("$at", Sql.Ms(occurredAt)),
            ("$data", EntryJson.SerializeDetail(pending.Detail))) ?? throw new InvalidOperationException("INSERT ... RETURNING gave no id.");
        var entry = (pending with { OccurredAt = occurredAt }).WithId(id);
        WebhookOutbox.Enqueue(connection, transaction, entry, webhooks);
        return entry;
    }
}
