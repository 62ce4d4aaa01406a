namespace KioskAgent.Journal;

/// <summary>Counts the live streams served at once; each holds a connection and a subscriber buffer.</summary>
public sealed class StreamGate(int maxClients)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>A lease to dispose when the stream ends, or null when <c>Journal:Stream:MaxClients</c> are already served.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _open) > maxClients)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }

        return new Lease(this);
    }

    private sealed class Lease(StreamGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate._open);
            }
        }
    }
}
