using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>One restart's record with its phases, in the order they happened.</summary>
internal static class OperationReader
{
    public static RestartOperationRecord? Find(SqliteConnection connection, Guid operationId)
    {
        var id = operationId.ToString("D");
        var phases = new List<(RestartPhase Phase, DateTimeOffset At, string? Detail, long EntryId)>();
        using (var command = connection.Command(null, "SELECT phase, at, detail, entry_id FROM restart_phases WHERE operation_id = $op ORDER BY entry_id;", ("$op", id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                phases.Add((Words.Phase(reader.GetString(0)), Sql.At(reader.GetInt64(1)), Sql.String(reader, 2), reader.GetInt64(3)));
            }
        }

        using var operation = connection.Command(
            null,
            "SELECT kiosk_id, device, method, integrator, request_id, requested_at, finished_at, outcome FROM restart_operations WHERE operation_id = $op;",
            ("$op", id));
        using var row = operation.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var requestedAt = Sql.At(row.GetInt64(5));
        var finishedAt = Sql.At(row, 6);
        var steps = phases.Select((p, i) => new RestartPhaseStep(
            p.Phase, p.At, i + 1 < phases.Count ? (long)(phases[i + 1].At - p.At).TotalMilliseconds : null, p.Detail, p.EntryId)).ToArray();
        return new RestartOperationRecord(
            operationId,
            row.GetString(0),
            row.GetString(1),
            Words.Method(row.GetString(2)),
            row.GetString(3),
            row.GetString(4),
            requestedAt,
            finishedAt,
            Sql.String(row, 7) is { } outcome ? Words.Phase(outcome) : null,
            finishedAt is { } end ? (long)(end - requestedAt).TotalMilliseconds : null,
            steps);
    }
}
