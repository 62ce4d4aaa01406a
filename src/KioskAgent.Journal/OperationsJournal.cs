using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Live;
using KioskAgent.Journal.Recording;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Webhooks;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal;

/// <summary>
/// The agent's durable memory: what happened to each kiosk's devices, who restarted them and how it went, who
/// asked for tokens. Opening it never throws: a file that cannot be used leaves it degraded (see
/// <see cref="Health"/>) and the device runtime goes on. Restart phases are written before
/// <see cref="RecordAsync"/> returns; transitions and authentication attempts are queued for
/// <see cref="JournalWorker"/>.
/// </summary>
public sealed class OperationsJournal : IRestartJournal, IAuthenticationJournal, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="options">The <c>Journal</c> section.</param>
    /// <param name="databasePath">The file, resolved (<see cref="JournalOptions.ResolvePath"/>).</param>
    /// <param name="time">The clock entries are stamped with.</param>
    /// <param name="loggers">Where the journal logs.</param>
    public OperationsJournal(JournalOptions options, string databasePath, TimeProvider time, ILoggerFactory loggers)
    {
        Options = options;
        _time = time;
        _logger = loggers.CreateLogger("KioskAgent.Journal");
        Store = new JournalStore(databasePath, options, time, _logger);
        Queue = new EntryQueue(options.QueueCapacity, Store.Health);
        Feed = new JournalFeed(Store, options.SubscriberBufferSize, _logger);
        Store.TryOpen();
    }

    public JournalOptions Options { get; }

    public JournalHealth Health => Store.Health;

    public JournalFeed Feed { get; }

    internal JournalStore Store { get; }

    internal EntryQueue Queue { get; }

    internal ILogger Logger => _logger;

    /// <inheritdoc />
    /// <remarks>Never throws for a database failure: it is logged and the journal reports itself degraded.</remarks>
    public Task RecordAsync(RestartPhaseRecord record, CancellationToken cancellationToken) =>
        TryRecordRestartAsync(record, cancellationToken);

    /// <summary>Writes one restart phase; true once it is on disk.</summary>
    public async Task<bool> TryRecordRestartAsync(RestartPhaseRecord record, CancellationToken cancellationToken)
    {
        var result = await Store.WriteAsync(
            (connection, transaction) => RestartWriter.Record(connection, transaction, record, Options.Webhooks) is { } entry ? [entry] : [],
            cancellationToken).ConfigureAwait(false);
        return result.Written;
    }

    /// <inheritdoc />
    public void Record(AuthenticationAttempt attempt) =>
        Queue.Add(new PendingEntry(null, null, _time.GetUtcNow(), attempt.ToDetail()));

    /// <summary>Records every transition the registry raises until the returned handle is disposed.</summary>
    public IDisposable RecordTransitionsOf(DeviceRegistry registry) => new TransitionRecorder(registry, Queue, _time, _logger);

    /// <summary>A page of entries, newest first.</summary>
    /// <exception cref="FormatException">The cursor is not one this journal gave.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="EventQuery.MaxLimit"/>.</exception>
    /// <exception cref="JournalUnavailableException">The database cannot be read.</exception>
    public EventPage Query(EventQuery query) => Store.Read(connection => EntryReader.Page(connection, query));

    /// <summary>One restart with its phases; null when the journal holds no such operation.</summary>
    public RestartOperationRecord? FindOperation(Guid operationId) => Store.Read(connection => OperationReader.Find(connection, operationId));

    /// <summary>The webhook deliveries of these entries, by entry id (entries without any are absent).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<WebhookDeliveryState>> Deliveries(IReadOnlyCollection<long> entryIds) =>
        Store.Read(connection => WebhookOutbox.States(connection, entryIds));

    /// <summary>The highest entry id given so far (0 for an empty journal): a Last-Event-ID above it is not ours.</summary>
    public long LatestId() => Store.Read(EntryReader.LatestId);

    /// <summary>
    /// The entries after <paramref name="afterId"/> that retention has pruned (ids never reused): null when the journal
    /// still holds everything after it.
    /// </summary>
    public PrunedRange? PrunedAfter(long afterId) => Store.Read(connection =>
    {
        var latest = EntryReader.LatestId(connection);
        var firstMissing = afterId + 1;
        var lastMissing = (EntryReader.OldestId(connection) ?? latest + 1) - 1;
        return lastMissing >= firstMissing ? new PrunedRange(firstMissing, lastMissing) : null;
    });

    /// <summary>Enforces the retention bounds now; false when the database could not be used.</summary>
    public async Task<bool> PruneAsync(CancellationToken cancellationToken)
    {
        PruneResult? pruned = null;
        var result = await Store.WriteAsync(
            (connection, transaction) =>
            {
                pruned = RetentionPruner.Prune(connection, transaction, _time.GetUtcNow(), Options.Retention);
                return [];
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.Written || pruned is null)
        {
            return false;
        }

        if (pruned.Any)
        {
            JournalLog.Pruned(_logger, pruned.Entries, pruned.Operations, pruned.Deliveries, pruned.Cutoff, Options.Retention.MaxEntries);
            await Store.MaintainAsync(RetentionPruner.Compact, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public void Dispose()
    {
        Queue.Complete();
        Store.Dispose();
    }
}
