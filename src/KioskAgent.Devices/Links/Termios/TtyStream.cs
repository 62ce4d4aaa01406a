using System.Buffers;
using System.IO.Pipelines;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// A port opened by <see cref="TermiosLink"/>, as a stream. Reads take what the poll thread put in the port's pipe,
/// so a cancelled read loses nothing: bytes arriving later wait there for the next read. Writes go straight to the
/// non-blocking descriptor and, when the tty's output queue is full, wait for the poll thread to say there is room.
/// Disposing hands the port back to the poll thread; <see cref="DisposeAsync"/> then waits for the close, so that
/// opening the port again cannot overlap it (the close discards the tty's queues and lifts its exclusive lock, which
/// would hit the next open's bytes and lock). The close itself never waits for the device: unsent bytes are dropped.
/// </summary>
internal sealed class TtyStream(TtyChannel channel, TtyPoller poller) : Stream
{
    private readonly PipeReader _received = channel.Received.Reader;
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        var result = await _received.ReadAsync(cancellationToken).ConfigureAwait(false);
        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted && channel.Failure is { } failure)
        {
            _received.AdvanceTo(available.End);
            throw new IOException(failure.Message, failure);
        }

        var taken = (int)Math.Min(available.Length, buffer.Length);
        available.Slice(0, taken).CopyTo(buffer.Span);
        _received.AdvanceTo(available.GetPosition(taken));
        return taken;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = channel.Write(buffer.Span);
            if (written > 0)
            {
                buffer = buffer[written..];
                continue;
            }

            var room = channel.WhenWritable();
            poller.Wake();
            if (!await room.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException($"Serial port {channel.Path} hung up while writing.");
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Written bytes are in the kernel's queue already; waiting for them to leave the wire is not a flush's job.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // A read still waiting returns 0 (end of stream) rather than finding its pipe completed under it.
            _received.CancelPendingRead();
            _received.Complete();
            poller.Remove(channel);
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Dispose();
        await channel.Closed.ConfigureAwait(false);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!SerialLink.PortExists(channel.Path))
        {
            throw new IOException($"Serial port {channel.Path} vanished.");
        }
    }
}
