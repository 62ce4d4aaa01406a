namespace KioskAgent.Journal.Store;

/// <summary>
/// Whether the journal is writing. Degraded means the database cannot be used (locked, corrupted, disk full):
/// the agent goes on serving status and restarting devices, and nothing is recorded until it recovers.
/// </summary>
public sealed class JournalHealth
{
    private readonly Lock _gate = new();
    private long _droppedEntries;
    private long _failedWrites;

    internal JournalHealth(string databasePath) => DatabasePath = databasePath;

    public string DatabasePath { get; }

    public bool IsDegraded
    {
        get
        {
            lock (_gate)
            {
                return Reason is not null;
            }
        }
    }

    /// <summary>Why it is degraded, naming the file; null when healthy.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset? DegradedSince { get; private set; }

    /// <summary>Entries dropped from the full write queue since start (oldest first).</summary>
    public long DroppedEntries => Interlocked.Read(ref _droppedEntries);

    /// <summary>Writes that failed since start (entries not recorded).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    internal void CountDropped() => Interlocked.Increment(ref _droppedEntries);

    internal void CountFailedWrite() => Interlocked.Increment(ref _failedWrites);

    /// <summary>Returns true when this call turned it from healthy to degraded (log then, not on every failure).</summary>
    internal bool MarkDegraded(string reason, DateTimeOffset now)
    {
        lock (_gate)
        {
            var was = Reason is null;
            Reason = reason;
            DegradedSince = was ? now : DegradedSince;
            return was;
        }
    }

    /// <summary>Returns true when this call ended a degraded period.</summary>
    internal bool MarkHealthy()
    {
        lock (_gate)
        {
            var was = Reason is not null;
            Reason = null;
            DegradedSince = null;
            return was;
        }
    }
}
