using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>
/// The journal's schema, as an ordered list of migrations. The version lives in SQLite's header
/// (<c>PRAGMA user_version</c>), written in the same transaction as the migration's DDL: a crash leaves either the
/// old schema or the new one. Never edit a released migration; add the next one.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "entries and restart operations", """
            CREATE TABLE entries (
                id          INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, even after pruning: the SSE id and cursor
                type        TEXT    NOT NULL CHECK (type IN ('transition', 'restart', 'auth')),
                kiosk_id    TEXT,                              -- null for agent-wide entries (authentication)
                device      TEXT,
                occurred_at INTEGER NOT NULL,                  -- Unix milliseconds, UTC
                data        TEXT    NOT NULL                   -- the entry's detail, JSON
            );
            CREATE INDEX entries_by_kiosk ON entries (kiosk_id, id);
            CREATE INDEX entries_by_time ON entries (occurred_at);

            CREATE TABLE restart_operations (
                operation_id TEXT    PRIMARY KEY,
                kiosk_id     TEXT    NOT NULL,
                device       TEXT    NOT NULL,
                method       TEXT    NOT NULL,
                integrator   TEXT    NOT NULL,
                request_id   TEXT    NOT NULL,
                requested_at INTEGER NOT NULL,
                finished_at  INTEGER,
                outcome      TEXT                              -- null until completed/failed/timeout/interrupted
            );
            CREATE INDEX restart_operations_unfinished ON restart_operations (requested_at) WHERE outcome IS NULL;

            CREATE TABLE restart_phases (
                operation_id TEXT    NOT NULL REFERENCES restart_operations (operation_id) ON DELETE CASCADE,
                phase        TEXT    NOT NULL,
                at           INTEGER NOT NULL,
                detail       TEXT,
                entry_id     INTEGER NOT NULL,
                PRIMARY KEY (operation_id, phase)
            );
            """),
        new(2, "webhook outbox", """
            CREATE TABLE webhook_outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                entry_id        INTEGER NOT NULL,
                integrator      TEXT    NOT NULL,
                body            BLOB    NOT NULL,              -- the exact bytes signed and sent on every attempt
                created_at      INTEGER NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                delivered_at    INTEGER,
                failed_at       INTEGER,                       -- gave up after the last attempt
                last_error      TEXT,
                UNIQUE (entry_id, integrator)
            );
            -- Deliveries go out in order per integrator: the pending head of each integrator's line is what is looked up.
            CREATE INDEX webhook_outbox_pending ON webhook_outbox (integrator, id) WHERE delivered_at IS NULL AND failed_at IS NULL;
            """),
    ];

    public static int Latest => All[^1].Version;

    public static int CurrentVersion(SqliteConnection connection) =>
        int.Parse(JournalDatabase.Scalar(connection, "PRAGMA user_version;") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Brings the file to <paramref name="target"/> (the latest by default); returns the version it had.</summary>
    public static int Apply(SqliteConnection connection, string path, int? target = null)
    {
        var to = target ?? Latest;
        var from = CurrentVersion(connection);
        if (from > Latest)
        {
            throw new JournalUnavailableException(
                $"The journal database {path} has schema version {from}, newer than this agent knows ({Latest}); it is left untouched.");
        }

        foreach (var migration in All.Where(m => m.Version > from && m.Version <= to))
        {
            using var transaction = connection.BeginTransaction();
            JournalDatabase.Execute(connection, migration.Sql, transaction);
            JournalDatabase.Execute(connection, $"PRAGMA user_version = {migration.Version};", transaction);
            transaction.Commit();
        }

        return from;
    }

    public sealed record Migration(int Version, string Description, string Sql);
}
