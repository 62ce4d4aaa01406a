using System.Threading.Channels;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;

namespace KioskAgent.Journal.Recording;

/// <summary>
/// Entries waiting for the background writer (device transitions, authentication attempts). Adding never waits:
/// when the queue is full the oldest waiting entry is dropped and counted, because the newest transitions say
/// what the devices are doing now and a device's supervisor must never stall on the disk.
/// </summary>
internal sealed class EntryQueue
{
    private readonly Channel<PendingEntry> _channel;
    private readonly JournalHealth _health;

    public EntryQueue(int capacity, JournalHealth health)
    {
        Capacity = capacity;
        _health = health;
        _channel = Channel.CreateBounded<PendingEntry>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => health.CountDropped());
    }

    public int Capacity { get; }

    public ChannelReader<PendingEntry> Reader => _channel.Reader;

    /// <summary>Never blocks; false only once the journal is shut down.</summary>
    public bool Add(PendingEntry entry) => _channel.Writer.TryWrite(entry);

    public void Complete() => _channel.Writer.TryComplete();

    public long Dropped => _health.DroppedEntries;
}
