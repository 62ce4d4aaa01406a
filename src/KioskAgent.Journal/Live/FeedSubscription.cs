using System.Threading.Channels;
using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Live;

/// <summary>
/// One live subscriber's bounded buffer. The writer only ever adds without waiting; when the buffer is full the
/// subscriber is marked overrun and its buffer freed, and the reader then catches up from the database. A slow
/// subscriber costs at most <see cref="Capacity"/> entries of memory and never slows the writer.
/// </summary>
internal sealed class FeedSubscription : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<JournalEntry> _buffer = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action<FeedSubscription> _unsubscribe;
    private bool _overrun;
    private int _overruns;

    public FeedSubscription(long id, FeedFilter filter, int capacity, Action<FeedSubscription> unsubscribe)
    {
        Id = id;
        Filter = filter;
        Capacity = capacity;
        _unsubscribe = unsubscribe;
    }

    public long Id { get; }

    public FeedFilter Filter { get; }

    public int Capacity { get; }

    /// <summary>How many times this subscriber fell a whole buffer behind.</summary>
    public int Overruns => Volatile.Read(ref _overruns);

    /// <summary>Entries waiting to be read (never more than <see cref="Capacity"/>).</summary>
    public int Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Count;
            }
        }
    }

    /// <summary>Called by the writer; returns true when this entry made the subscriber overrun.</summary>
    public bool Offer(JournalEntry entry)
    {
        var overran = false;
        lock (_gate)
        {
            if (_overrun)
            {
                return false;
            }

            if (_buffer.Count >= Capacity)
            {
                _overrun = overran = true;
                _buffer.Clear();
                _overruns++;
            }
            else
            {
                _buffer.Enqueue(entry);
            }
        }

        _wake.Writer.TryWrite(true);
        return overran;
    }

    /// <summary>The next buffered entry, or null when the subscriber overran and must catch up from the database.</summary>
    public async ValueTask<JournalEntry?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_overrun)
                {
                    _overrun = false;
                    return null;
                }

                if (_buffer.TryDequeue(out var entry))
                {
                    return entry;
                }
            }

            await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _unsubscribe(this);
}
