using System.IO.Pipelines;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// One open port as the <see cref="TtyPoller"/> sees it: the descriptor, the pipe the poller fills with what the
/// device sends, and the writers waiting for room in the tty's output queue.
/// </summary>
internal sealed class TtyChannel(TtyHandle handle, string path)
{
    /// <summary>Unread bytes beyond this make the poller stop reading the port until the reader catches up.</summary>
    private const int PauseAt = 64 * 1024;

    private readonly Lock _writeGate = new();
    private TaskCompletionSource<bool>? _writable;
    private bool _readingPaused;
    private bool _receivingEnded;
    private IOException? _failure;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path { get; } = path;

    public TtyHandle Handle { get; } = handle;

    /// <summary>
    /// Written only by the poll thread; read by the stream. Reader continuations go to the thread pool so that no
    /// driver code ever runs on the poll thread.
    /// </summary>
    public Pipe Received { get; } = new(new PipeOptions(
        pauseWriterThreshold: PauseAt,
        resumeWriterThreshold: PauseAt / 2,
        readerScheduler: PipeScheduler.ThreadPool,
        writerScheduler: PipeScheduler.Inline,
        useSynchronizationContext: false));

    /// <summary>Completes once the poll thread has closed the descriptor.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Poll thread only: the device hung up or failed, or the reader left; never read this port again.</summary>
    public bool ReadingDone { get; set; }

    /// <summary>The reader is behind by <see cref="PauseAt"/> bytes: leave the port's input in the kernel for now.</summary>
    public bool ReadingPaused { get => Volatile.Read(ref _readingPaused); set => Volatile.Write(ref _readingPaused, value); }

    public bool WantsToWrite
    {
        get
        {
            lock (_writeGate)
            {
                return _writable is not null;
            }
        }
    }

    /// <summary>Poll thread only: no more bytes will come; the reader sees <paramref name="error"/> after what it has not read yet.</summary>
    public void EndReceiving(IOException? error)
    {
        ReadingDone = true;
        if (!_receivingEnded)
        {
            _receivingEnded = true;

            // Not Complete(error): the pipe would throw it before handing over the bytes already received.
            Volatile.Write(ref _failure, error);
            Received.Writer.Complete();
        }
    }

    /// <summary>Why receiving ended, once the reader has taken every byte; null for a plain close.</summary>
    public IOException? Failure => Volatile.Read(ref _failure);

    /// <summary>Poll thread only: ends the reader and the writers and closes the descriptor.</summary>
    public void Close()
    {
        EndWriteWait(false);
        EndReceiving(null);
        Handle.Dispose();
        _closed.TrySetResult();
    }

    /// <summary>Completes when the tty can take more bytes (true) or hung up / closed (false).</summary>
    public Task<bool> WhenWritable()
    {
        lock (_writeGate)
        {
            _writable ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _writable.Task;
        }
    }

    public void EndWriteWait(bool writable)
    {
        TaskCompletionSource<bool>? waiting;
        lock (_writeGate)
        {
            (waiting, _writable) = (_writable, null);
        }

        waiting?.TrySetResult(writable);
    }

    /// <summary>Writes what the tty takes now; 0 when its output queue is full (EAGAIN).</summary>
    public unsafe int Write(ReadOnlySpan<byte> bytes)
    {
        var added = false;
        try
        {
            // Keeps the descriptor open (and not reused) for the length of the call, even if the port is disposed meanwhile.
            Handle.DangerousAddRef(ref added);
            while (true)
            {
                long written;
                fixed (byte* p = bytes)
                {
                    written = write(Handle.Fd, p, bytes.Length);
                }

                if (written >= 0)
                {
                    return (int)written;
                }

                var errno = Tmds.Linux.LibC.errno;
                if (errno == EINTR)
                {
                    continue;
                }

                if (errno == EAGAIN)
                {
                    return 0;
                }

                throw TtyError.For(Path, "write", errno);
            }
        }
        finally
        {
            if (added)
            {
                Handle.DangerousRelease();
            }
        }
    }
}
