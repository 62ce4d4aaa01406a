using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Store;

/// <summary>
/// The journal file's lifecycle and its single writer. Writes are serialised here, each one a transaction that
/// is on disk when it returns; readers open their own connections. A database that cannot be used turns the
/// journal degraded instead of throwing: callers get "not written", the operator gets one clear log line.
/// </summary>
internal sealed class JournalStore : IDisposable
{
    private readonly JournalDatabase _database;
    private readonly WebhookOptions _webhooks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _writer;
    private FileStream? _instanceLock;
    private bool _swept;

    public JournalStore(string path, JournalOptions options, TimeProvider time, ILogger logger)
    {
        _database = new JournalDatabase(path, options.BusyTimeout);
        _webhooks = options.Webhooks;
        _time = time;
        _logger = logger;
        Health = new JournalHealth(path);
    }

    /// <summary>Raised after each commit with the entries it added, in id order, while writes are still held back.</summary>
    public event Action<IReadOnlyList<JournalEntry>>? Committed;

    public JournalHealth Health { get; }

    public string Path => _database.Path;

    public bool IsOpen => Volatile.Read(ref _writer) is not null;

    /// <summary>
    /// Opens, migrates and verifies the file, and on the first successful open marks restarts that an earlier run
    /// left without an outcome. Returns false (journal degraded, error logged) when the file cannot be used.
    /// </summary>
    public bool TryOpen()
    {
        _gate.Wait();
        IReadOnlyList<JournalEntry> swept = [];
        try
        {
            if (_writer is not null)
            {
                return true;
            }

            _instanceLock ??= LockInstance();
            var connection = _database.OpenWriter();
            try
            {
                var from = SchemaMigrations.Apply(connection, Path);
                if (from != SchemaMigrations.Latest)
                {
                    JournalLog.Migrated(_logger, Path, from, SchemaMigrations.Latest);
                }

                swept = _swept ? [] : Sweep(connection);
                _swept = true;
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            Volatile.Write(ref _writer, connection);
            JournalLog.Opened(_logger, Path, SchemaMigrations.Latest);
            if (Health.MarkHealthy())
            {
                JournalLog.Recovered(_logger, Path);
            }

            Committed?.Invoke(swept);
            return true;
        }
        catch (Exception ex) when (JournalDatabase.IsUnavailable(ex))
        {
            Degrade(ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction and returns the entries it added (possibly none) once
    /// they are durable. Never throws for a failed write: the result says whether the database is the cause (worth
    /// another try later) or the write itself was refused (a defect; logged, not worth another try).
    /// </summary>
    public async Task<WriteResult> WriteAsync(Func<SqliteConnection, SqliteTransaction, IReadOnlyList<JournalEntry>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not { } connection)
            {
                Health.CountFailedWrite();
                return WriteResult.Unavailable;
            }

            IReadOnlyList<JournalEntry> entries;
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                entries = work(connection, transaction);
                transaction.Commit();
            }
            catch (Exception ex) when (JournalDatabase.IsUnavailable(ex))
            {
                Health.CountFailedWrite();
                if (ex is SqliteException { SqliteErrorCode: 11 or 26 or 10 })
                {
                    // A file that went bad under us is not written again until it opens cleanly.
                    Volatile.Write(ref _writer, null);
                    connection.Dispose();
                }

                Degrade(ex);
                return WriteResult.Unavailable;
            }
            catch (Exception ex)
            {
                // Not the file's fault: a defect in what was written. Nothing of it is kept; the caller goes on.
                Health.CountFailedWrite();
                JournalLog.WriteRejected(_logger, ex);
                return WriteResult.Rejected;
            }

            if (Health.MarkHealthy())
            {
                JournalLog.Recovered(_logger, Path);
            }

            Committed?.Invoke(entries);
            return new WriteResult(entries, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Work on the writer outside a transaction (checkpoints, vacuum); false when it could not be done.</summary>
    public async Task<bool> MaintainAsync(Action<SqliteConnection> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not { } connection)
            {
                return false;
            }

            work(connection);
            return true;
        }
        catch (Exception ex) when (JournalDatabase.IsUnavailable(ex))
        {
            Degrade(ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A read on its own connection; throws <see cref="JournalUnavailableException"/> when the file cannot be read.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        if (!IsOpen)
        {
            throw new JournalUnavailableException(Health.Reason ?? $"The journal database {Path} is not open.");
        }

        try
        {
            using var connection = _database.OpenReader();
            return read(connection);
        }
        catch (Exception ex) when (JournalDatabase.IsUnavailable(ex) && ex is not JournalUnavailableException)
        {
            throw new JournalUnavailableException(_database.Describe(ex), ex);
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            Interlocked.Exchange(ref _writer, null)?.Dispose();
            _instanceLock?.Dispose();
            _instanceLock = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One agent per journal file: a second one would mark the first one's running restarts interrupted. An
    /// exclusive lock on a file beside the database, which the operating system releases when the holder dies.
    /// </summary>
    private FileStream LockInstance()
    {
        var path = Path + "-lock";
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new JournalUnavailableException($"The journal database {Path} is in use by another agent process (it holds {path}).", ex);
        }
    }

    private IReadOnlyList<JournalEntry> Sweep(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var marked = RestartWriter.MarkInterrupted(connection, transaction, _time.GetUtcNow(), _webhooks);
        transaction.Commit();
        foreach (var (_, restart) in marked)
        {
            JournalLog.MarkedInterrupted(_logger, restart.OperationId, restart.Device, restart.KioskId, restart.Integrator, restart.LastPhase);
        }

        return marked.Select(m => m.Entry).ToArray();
    }

    private void Degrade(Exception ex)
    {
        if (Health.MarkDegraded(_database.Describe(ex), _time.GetUtcNow()))
        {
            JournalLog.Degraded(_logger, Health.Reason!, ex);
        }
    }
}

/// <summary>What a write came to.</summary>
/// <param name="Entries">The entries added, durable; null when nothing was written.</param>
/// <param name="DatabaseUnavailable">Nothing was written because the file cannot be used now.</param>
internal sealed record WriteResult(IReadOnlyList<JournalEntry>? Entries, bool DatabaseUnavailable)
{
    public static WriteResult Unavailable { get; } = new(null, true);

    public static WriteResult Rejected { get; } = new(null, false);

    public bool Written => Entries is not null;
}
