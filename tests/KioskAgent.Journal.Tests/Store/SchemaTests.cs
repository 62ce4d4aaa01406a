using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;

namespace KioskAgent.Journal.Tests.Store;

public sealed class SchemaTests
{
    [Fact]
    public void The_writer_connection_runs_in_WAL_with_synchronous_FULL()
    {
        using var directory = new TempDirectory();
        var database = new JournalDatabase(directory.File("journal.db"), TimeSpan.FromSeconds(1));

        using var writer = database.OpenWriter();

        Assert.Equal("wal", JournalDatabase.Scalar(writer, "PRAGMA journal_mode;"));
        Assert.Equal("2", JournalDatabase.Scalar(writer, "PRAGMA synchronous;"));
        Assert.Equal("1", JournalDatabase.Scalar(writer, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public async Task An_empty_file_is_migrated_to_the_latest_version_with_incremental_vacuum()
    {
        await using var rig = new JournalRig();
        Assert.False(rig.Journal.Health.IsDegraded, rig.Journal.Health.Reason);

        using var connection = JournalRig.Connect(rig.DatabasePath);
        Assert.Equal(SchemaMigrations.Latest.ToString(), JournalDatabase.Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", JournalDatabase.Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("2", JournalDatabase.Scalar(connection, "PRAGMA auto_vacuum;"));
        foreach (var table in new[] { "entries", "restart_operations", "restart_phases", "webhook_outbox" })
        {
            Assert.Equal("1", JournalDatabase.Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';"));
        }
    }

    [Fact]
    public async Task A_file_at_version_1_is_migrated_in_order_and_keeps_its_entries()
    {
        using var directory = new TempDirectory();
        var path = directory.File("journal.db");
        using (var old = new JournalDatabase(path, TimeSpan.FromSeconds(1)).OpenWriter())
        {
            SchemaMigrations.Apply(old, path, target: 1);
            JournalDatabase.Execute(old, """
                INSERT INTO entries (type, kiosk_id, device, occurred_at, data)
                VALUES ('transition', 'kiosk-1', 'printer', 1700000000000,
                        '{"from":"Online","to":"Offline","reasons":[],"cleared":[],"observed_at":null}');
                """);
            Assert.Equal("0", JournalDatabase.Scalar(old, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'webhook_outbox';"));
        }

        await using var rig = new JournalRig(directory: directory);

        Assert.False(rig.Journal.Health.IsDegraded, rig.Journal.Health.Reason);
        using var connection = JournalRig.Connect(path);
        Assert.Equal(SchemaMigrations.Latest.ToString(), JournalDatabase.Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("1", JournalDatabase.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'webhook_outbox';"));
        var entry = Assert.Single(rig.Journal.Query(new EventQuery()).Entries);
        var transition = Assert.IsType<TransitionDetail>(entry.Detail);
        Assert.Equal(("Online", "Offline"), (transition.From, transition.To));
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Message.Contains("migrated from schema version 1 to 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_from_a_newer_agent_keeps_its_schema_and_the_journal_is_degraded()
    {
        using var directory = new TempDirectory();
        var path = directory.File("journal.db");
        using (var newer = JournalRig.Connect(path))
        {
            JournalDatabase.Execute(newer, "PRAGMA user_version = 99;");
        }

        await using var rig = new JournalRig(directory: directory);

        Assert.True(rig.Journal.Health.IsDegraded);
        Assert.Contains(path, rig.Journal.Health.Reason);
        Assert.Contains("schema version 99", rig.Journal.Health.Reason);
        using var connection = JournalRig.Connect(path);
        Assert.Equal("99", JournalDatabase.Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("0", JournalDatabase.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';"));
    }

    [Fact]
    public void Migrations_are_numbered_one_by_one_from_one()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
    }

    [Fact]
    public void The_database_path_is_taken_from_the_data_directory_unless_absolute()
    {
        Assert.Equal("/var/lib/kioskagent/journal.db", new JournalOptions().ResolvePath("/var/lib/kioskagent"));
        Assert.Equal("/var/lib/kioskagent/archive/j.db", new JournalOptions { DatabasePath = "archive/j.db" }.ResolvePath("/var/lib/kioskagent"));
        Assert.Equal("/srv/kiosk/j.db", new JournalOptions { DatabasePath = "/srv/kiosk/j.db" }.ResolvePath("/var/lib/kioskagent"));
    }
}
