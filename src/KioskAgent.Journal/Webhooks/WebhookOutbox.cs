using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Webhooks;

/// <summary>
/// The durable list of deliveries, in the journal's own file: a row is written in the same transaction as its
/// entry and leaves the pending state only when the receiver answered 2xx or the attempts ran out. A crash
/// between sending and marking means one more delivery, never one less (at least once).
/// </summary>
internal static class WebhookOutbox
{
    public static void Enqueue(SqliteConnection connection, SqliteTransaction transaction, JournalEntry entry, WebhookOptions webhooks)
    {
        byte[]? body = null;
        foreach (var integrator in webhooks.RecipientsOf(entry))
        {
            body ??= EntryJson.Serialize(entry);
            connection.Execute(
                transaction,
                """
                INSERT INTO webhook_outbox (entry_id, integrator, body, created_at, next_attempt_at)
                VALUES ($entry, $integrator, $body, $at, $at) ON CONFLICT (entry_id, integrator) DO NOTHING;
                """,
                ("$entry", entry.Id), ("$integrator", integrator), ("$body", body), ("$at", Sql.Ms(entry.OccurredAt)));
        }
    }

    /// <summary>
    /// The oldest pending delivery of each integrator, due or not: deliveries to one integrator go out in entry
    /// order, and one that keeps failing holds back only that integrator's line.
    /// </summary>
    public static IReadOnlyList<OutboxItem> Heads(SqliteConnection connection)
    {
        using var command = connection.Command(
            null,
            """
            WITH heads AS (SELECT MIN(id) AS id FROM webhook_outbox WHERE delivered_at IS NULL AND failed_at IS NULL GROUP BY integrator)
            SELECT o.id, o.entry_id, o.integrator, o.body, o.attempts, o.next_attempt_at FROM webhook_outbox o JOIN heads h ON h.id = o.id
            ORDER BY o.id;
            """);
        using var reader = command.ExecuteReader();
        var items = new List<OutboxItem>();
        while (reader.Read())
        {
            items.Add(new OutboxItem(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetInt32(4), Sql.At(reader.GetInt64(5))));
        }

        return items;
    }

    public static void MarkDelivered(SqliteConnection connection, SqliteTransaction transaction, long id, int attempts, DateTimeOffset now) =>
        connection.Execute(transaction, "UPDATE webhook_outbox SET delivered_at = $now, attempts = $attempts, last_error = NULL WHERE id = $id;",
            ("$now", Sql.Ms(now)), ("$attempts", attempts), ("$id", id));

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or given up when it is null.</summary>
    public static void MarkFailed(SqliteConnection connection, SqliteTransaction transaction, long id, int attempts, string error, DateTimeOffset now, DateTimeOffset? retryAt) =>
        connection.Execute(
            transaction,
            "UPDATE webhook_outbox SET attempts = $attempts, last_error = $error, next_attempt_at = $next, failed_at = $failed WHERE id = $id;",
            ("$attempts", attempts), ("$error", error), ("$next", Sql.Ms(retryAt ?? now)), ("$failed", retryAt is null ? Sql.Ms(now) : null), ("$id", id));

    public static IReadOnlyDictionary<long, IReadOnlyList<WebhookDeliveryState>> States(SqliteConnection connection, IReadOnlyCollection<long> entryIds)
    {
        var states = new Dictionary<long, List<WebhookDeliveryState>>();
        if (entryIds.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<WebhookDeliveryState>>();
        }

        // One parameter per id (a page holds at most 500): the unique (entry_id, integrator) index serves it.
        var ids = entryIds.Distinct().ToArray();
        var names = ids.Select((_, i) => $"$e{i}").ToArray();
        using var command = connection.Command(
            null,
            $"""
            SELECT entry_id, integrator, attempts, delivered_at, failed_at, next_attempt_at, last_error FROM webhook_outbox
            WHERE entry_id IN ({string.Join(", ", names)}) ORDER BY entry_id, integrator;
            """,
            [.. ids.Select((id, i) => (names[i], (object?)id))]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var entryId = reader.GetInt64(0);
            var delivered = Sql.At(reader, 3);
            var failed = Sql.At(reader, 4);
            var status = delivered is not null ? DeliveryStatus.Delivered : failed is not null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            var state = new WebhookDeliveryState(reader.GetString(1), status, reader.GetInt32(2), delivered,
                status == DeliveryStatus.Pending ? Sql.At(reader.GetInt64(5)) : null, Sql.String(reader, 6));
            if (!states.TryGetValue(entryId, out var list))
            {
                states[entryId] = list = [];
            }

            list.Add(state);
        }

        return states.ToDictionary(p => p.Key, p => (IReadOnlyList<WebhookDeliveryState>)p.Value);
    }
}
