using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Hosting;

namespace KioskAgent.Journal;

/// <summary>
/// The journal's background work: writes queued entries in batches (one transaction, one fsync per batch),
/// reopens the database while it is unavailable, and prunes on the retention timer.
/// </summary>
public sealed class JournalWorker : BackgroundService
{
    private const int BatchSize = 256;

    private readonly OperationsJournal _journal;
    private readonly TimeProvider _time;
    private readonly List<PendingEntry> _batch = new(BatchSize);
    private long _reportedDrops;

    public JournalWorker(OperationsJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WriteQueuedAsync(stoppingToken), MaintainAsync(stoppingToken));

    /// <summary>
    /// Stops the loops, then writes what is still queued (devices going offline, last logins): after the loops
    /// ended, so there is one reader, and even when stopping came before the loops had started.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            Drain(_batch);
            if (!await WriteAsync(_batch, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }

            _batch.Clear();
        }
        while (_journal.Queue.Reader.TryPeek(out _));
    }

    private async Task WriteQueuedAsync(CancellationToken stoppingToken)
    {
        var reader = _journal.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                Drain(_batch);
                while (!await WriteAsync(_batch, stoppingToken).ConfigureAwait(false))
                {
                    // The file is unusable for now: hold this batch (the queue bounds the rest) and try again later.
                    await Task.Delay(_journal.Options.ReopenInterval, _time, stoppingToken).ConfigureAwait(false);
                }

                _batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the batch in hand stays in _batch for StopAsync to write.
            return;
        }
    }

    /// <summary>False when the database was unavailable and the batch is worth another try.</summary>
    private async Task<bool> WriteAsync(List<PendingEntry> batch, CancellationToken cancellationToken)
    {
        ReportDrops();
        if (batch.Count == 0)
        {
            return true;
        }

        var webhooks = _journal.Options.Webhooks;
        var result = await _journal.Store.WriteAsync(
            (connection, transaction) => batch.Select(pending => EntryWriter.Insert(connection, transaction, pending, webhooks)).ToArray(),
            cancellationToken).ConfigureAwait(false);
        return !result.DatabaseUnavailable;
    }

    private void Drain(List<PendingEntry> batch)
    {
        while (batch.Count < BatchSize && _journal.Queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private void ReportDrops()
    {
        var dropped = _journal.Queue.Dropped;
        if (dropped > _reportedDrops)
        {
            JournalLog.QueueOverflow(_journal.Logger, dropped - _reportedDrops, _journal.Queue.Capacity, dropped);
            _reportedDrops = dropped;
        }
    }

    private async Task MaintainAsync(CancellationToken stoppingToken)
    {
        var options = _journal.Options;
        var nextPrune = _time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!_journal.Store.IsOpen)
                {
                    _journal.Store.TryOpen();
                }

                var now = _time.GetUtcNow();
                if (_journal.Store.IsOpen && now >= nextPrune)
                {
                    var pruned = await _journal.PruneAsync(stoppingToken).ConfigureAwait(false);
                    nextPrune = now + (pruned ? options.Retention.PruneInterval : options.ReopenInterval);
                }

                // Wake for the next prune, or sooner to retry opening a database that is unavailable.
                var wait = _journal.Store.IsOpen ? nextPrune - _time.GetUtcNow() : options.ReopenInterval;
                wait = wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : Min(wait, options.ReopenInterval);
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing to finish.
            return;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
