using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>
/// Opens connections to the journal file with the settings durability depends on: write-ahead log and
/// <c>synchronous=FULL</c> (a commit is on disk when it returns), both set explicitly and read back.
/// </summary>
internal sealed class JournalDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public JournalDatabase(string path, TimeSpan busyTimeout)
    {
        Path = path;
        _busyTimeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 1, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled handle would outlive Dispose and keep the file open; the journal holds one writer for its
            // lifetime and readers are cheap to open.
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep it near busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string Path { get; }

    /// <summary>A connection for reading; WAL lets it read while the writer commits.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The one writing connection: WAL and synchronous=FULL, verified; foreign keys on.</summary>
    public SqliteConnection OpenWriter()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs};");

            // Takes effect only on a new file, and only before WAL initialises it: lets pruning give pages back.
            Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalUnavailableException($"The journal database {Path} refused write-ahead logging (journal_mode is '{mode}').");
            }

            Execute(connection, "PRAGMA synchronous = FULL;");
            var synchronous = Scalar(connection, "PRAGMA synchronous;");
            if (synchronous != "2")
            {
                throw new JournalUnavailableException($"The journal database {Path} did not accept synchronous=FULL (it reads {synchronous}).");
            }

            Execute(connection, "PRAGMA foreign_keys = ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>An operator's sentence for why the file cannot be used.</summary>
    public string Describe(Exception ex) => ex switch
    {
        JournalUnavailableException => ex.Message,
        SqliteException { SqliteErrorCode: 5 or 6 } =>
            $"The journal database {Path} is locked by another process or connection (SQLite: {ex.Message}).",
        SqliteException { SqliteErrorCode: 11 or 26 } =>
            $"The journal database {Path} is corrupted or is not an SQLite database (SQLite: {ex.Message}). Move it aside to start a new journal.",
        SqliteException { SqliteErrorCode: 13 } => $"The disk holding the journal database {Path} is full (SQLite: {ex.Message}).",
        SqliteException { SqliteErrorCode: 8 or 14 or 23 } =>
            $"The journal database {Path} cannot be opened for writing (SQLite: {ex.Message}).",
        SqliteException => $"The journal database {Path} failed (SQLite: {ex.Message}).",
        IOException or UnauthorizedAccessException => $"The journal database {Path} cannot be reached: {ex.Message}",
        _ => $"The journal database {Path} failed: {ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>Errors that say the file is unusable now (another try later may work), as opposed to a bug of ours.</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is JournalUnavailableException or IOException or UnauthorizedAccessException
        || ex is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 23 or 26 };

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static string? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
