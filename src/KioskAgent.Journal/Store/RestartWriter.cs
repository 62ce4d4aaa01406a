using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Webhooks;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>Restart operations and their phases; every phase is also an entry of the journal.</summary>
internal static class RestartWriter
{
    /// <summary>Records one phase; returns its entry, or null when that phase of that operation is already recorded.</summary>
    public static JournalEntry? Record(SqliteConnection connection, SqliteTransaction transaction, RestartPhaseRecord record, WebhookOptions webhooks)
    {
        var operationId = record.OperationId.ToString("D");
        var device = DeviceNames.StatusKey(record.Device);

        // Normally created by 'requested'; a later phase creates it too when 'requested' could not be written.
        connection.Execute(
            transaction,
            """
            INSERT INTO restart_operations (operation_id, kiosk_id, device, method, integrator, request_id, requested_at)
            VALUES ($op, $kiosk, $device, $method, $integrator, $request, $at)
            ON CONFLICT (operation_id) DO NOTHING;
            """,
            ("$op", operationId), ("$kiosk", record.KioskId), ("$device", device), ("$method", Words.Of(record.Method)),
            ("$integrator", record.Request.RequestedBy), ("$request", record.Request.RequestId), ("$at", Sql.Ms(record.At)));

        if (connection.Long(transaction, "SELECT 1 FROM restart_phases WHERE operation_id = $op AND phase = $phase;",
                ("$op", operationId), ("$phase", Words.Of(record.Phase))) is not null)
        {
            return null;
        }

        var requestedAt = connection.Long(transaction, "SELECT requested_at FROM restart_operations WHERE operation_id = $op;", ("$op", operationId))!.Value;
        var detail = new RestartDetail(record.OperationId, record.Phase, record.Method, record.Request.RequestedBy, record.Request.RequestId,
            record.Detail, Math.Max(0, Sql.Ms(record.At) - requestedAt));
        var entry = EntryWriter.Insert(connection, transaction, new PendingEntry(record.KioskId, device, record.At, detail), webhooks);
        connection.Execute(
            transaction,
            "INSERT INTO restart_phases (operation_id, phase, at, detail, entry_id) VALUES ($op, $phase, $at, $detail, $entry);",
            ("$op", operationId), ("$phase", Words.Of(record.Phase)), ("$at", Sql.Ms(entry.OccurredAt)), ("$detail", record.Detail), ("$entry", entry.Id));

        if (Words.IsOutcome(record.Phase))
        {
            connection.Execute(
                transaction,
                "UPDATE restart_operations SET outcome = $outcome, finished_at = $at WHERE operation_id = $op AND outcome IS NULL;",
                ("$outcome", Words.Of(record.Phase)), ("$at", Sql.Ms(entry.OccurredAt)), ("$op", operationId));
        }

        return entry;
    }

    /// <summary>
    /// Every restart without an outcome belongs to an earlier run of the agent that died mid-way: it gets an
    /// 'interrupted' phase and outcome, in this transaction, so it is marked exactly once.
    /// </summary>
    public static IReadOnlyList<(JournalEntry Entry, UnfinishedRestart Restart)> MarkInterrupted(
        SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, WebhookOptions webhooks)
    {
        var unfinished = new List<UnfinishedRestart>();
        using (var command = connection.Command(
                   transaction,
                   """
                   SELECT o.operation_id, o.kiosk_id, o.device, o.method, o.integrator, o.request_id,
                          (SELECT p.phase FROM restart_phases p WHERE p.operation_id = o.operation_id ORDER BY p.at DESC, p.entry_id DESC LIMIT 1)
                   FROM restart_operations o WHERE o.outcome IS NULL ORDER BY o.requested_at;
                   """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                unfinished.Add(new UnfinishedRestart(
                    Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Words.Method(reader.GetString(3)),
                    reader.GetString(4), reader.GetString(5), Sql.String(reader, 6) ?? "none"));
            }
        }

        var marked = new List<(JournalEntry, UnfinishedRestart)>();
        foreach (var restart in unfinished)
        {
            var kind = DeviceNames.All.First(k => DeviceNames.StatusKey(k) == restart.Device);
            var record = new RestartPhaseRecord(restart.OperationId, restart.KioskId, kind, restart.Method, RestartPhase.Interrupted,
                new RestartRequest(restart.Integrator, restart.RequestId), now,
                $"The agent stopped before this restart reached an outcome (last phase recorded: {restart.LastPhase}).");
            if (Record(connection, transaction, record, webhooks) is { } entry)
            {
                marked.Add((entry, restart));
            }
        }

        return marked;
    }

    internal sealed record UnfinishedRestart(
        Guid OperationId, string KioskId, string Device, RestartMethod Method, string Integrator, string RequestId, string LastPhase);
}
