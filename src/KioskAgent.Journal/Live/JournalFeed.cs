using System.Runtime.CompilerServices;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Live;

/// <summary>
/// The live feed: every committed entry, in id order, to every subscriber whose filter it matches. A subscriber
/// that starts from a given id first reads what it missed from the database (Last-Event-ID), then follows live;
/// it misses nothing the journal still holds, and sees each entry once.
/// </summary>
public sealed class JournalFeed
{
    private const int ReplayPage = 500;

    private readonly JournalStore _store;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private FeedSubscription[] _subscribers = [];
    private long _nextSubscriber;

    internal JournalFeed(JournalStore store, int capacity, ILogger logger)
    {
        _store = store;
        _capacity = capacity;
        _logger = logger;
        store.Committed += Publish;
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>
    /// The entries after <paramref name="afterId"/> (those the journal holds, then every new one), or only the new
    /// ones when it is null. Ends only by cancellation; throws <see cref="JournalUnavailableException"/> when the
    /// journal cannot be read for a catch-up.
    /// </summary>
    public async IAsyncEnumerable<JournalEntry> FollowAsync(long? afterId, FeedFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before reading the database: an entry committed in between is then in both, and skipped once.
        using var subscription = Subscribe(filter);
        var last = afterId ?? _store.Read(EntryReader.LatestId);
        var catchUp = afterId is not null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (catchUp)
            {
                IReadOnlyList<JournalEntry> page;
                do
                {
                    var after = last;
                    page = _store.Read(connection => EntryReader.After(connection, after, filter, ReplayPage));
                    foreach (var entry in page)
                    {
                        yield return entry;
                        last = entry.Id;
                    }
                }
                while (page.Count == ReplayPage);

                catchUp = false;
            }

            var next = await subscription.NextAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                JournalLog.SubscriberOverrun(_logger, subscription.Id, subscription.Capacity);
                catchUp = true;
            }
            else if (next.Id > last)
            {
                yield return next;
                last = next.Id;
            }
        }
    }

    internal FeedSubscription Subscribe(FeedFilter filter)
    {
        var subscription = new FeedSubscription(Interlocked.Increment(ref _nextSubscriber), filter, _capacity, Unsubscribe);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(FeedSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != subscription).ToArray();
        }
    }

    /// <summary>Runs on the writer, inside its lock, so every subscriber sees entries in id order. Never waits.</summary>
    private void Publish(IReadOnlyList<JournalEntry> entries)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var entry in entries)
        {
            foreach (var subscriber in subscribers)
            {
                if (subscriber.Filter.Matches(entry))
                {
                    subscriber.Offer(entry);
                }
            }
        }
    }
}
