using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>Keeps the journal within its configured age and size; run on a timer by the journal's worker.</summary>
internal static class RetentionPruner
{
    public static PruneResult Prune(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, RetentionOptions retention)
    {
        var cutoff = now - retention.MaxAge;
        var entries = connection.Execute(transaction, "DELETE FROM entries WHERE occurred_at < $cutoff;", ("$cutoff", Sql.Ms(cutoff)));

        // Keeps exactly MaxEntries: everything at or below the (MaxEntries + 1)-th newest id goes.
        entries += connection.Execute(
            transaction,
            "DELETE FROM entries WHERE id <= (SELECT id FROM entries ORDER BY id DESC LIMIT 1 OFFSET $max);",
            ("$max", retention.MaxEntries));

        // A finished restart goes with its age, or once none of its phases' entries is left.
        var operations = connection.Execute(
            transaction,
            """
            DELETE FROM restart_operations
            WHERE outcome IS NOT NULL
              AND (requested_at < $cutoff
                   OR NOT EXISTS (SELECT 1 FROM restart_phases p JOIN entries e ON e.id = p.entry_id
                                  WHERE p.operation_id = restart_operations.operation_id));
            """,
            ("$cutoff", Sql.Ms(cutoff)));

        // Deliveries go with their age, delivered or not, and finished ones with their entry.
        var deliveries = connection.Execute(
            transaction,
            """
            DELETE FROM webhook_outbox
            WHERE created_at < $cutoff
               OR ((delivered_at IS NOT NULL OR failed_at IS NOT NULL)
                   AND entry_id < (SELECT IFNULL(MIN(id), 9223372036854775807) FROM entries));
            """,
            ("$cutoff", Sql.Ms(cutoff)));
        return new PruneResult(entries, operations, deliveries, cutoff);
    }

    /// <summary>Gives the freed pages back to the file system and empties the write-ahead log.</summary>
    public static void Compact(SqliteConnection connection)
    {
        JournalDatabase.Execute(connection, "PRAGMA incremental_vacuum;");
        JournalDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }
}

internal sealed record PruneResult(int Entries, int Operations, int Deliveries, DateTimeOffset Cutoff)
{
    public bool Any => Entries + Operations + Deliveries > 0;
}
