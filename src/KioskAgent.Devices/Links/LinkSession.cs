using System.Buffers;
using System.IO.Pipelines;
using KioskAgent.Devices.Codecs;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Links;

/// <summary>
/// One open link, as a driver sees it: write a command, await one frame with a deadline.
/// Owns the buffering, the maximum frame size and the timeout/cancellation rules, so drivers
/// and codecs do not (System.IO.Ports on Linux ignores ReadTimeout: every wait is a cancellation).
/// </summary>
public sealed class LinkSession : IAsyncDisposable
{
    /// <summary>Unparsed bytes beyond this are a protocol fault, not a reason to keep buffering.</summary>
    public const int MaxUnparsedBytes = 4096;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly TimeProvider _time;
    private int _disposed;
    private volatile bool _heard;

    public LinkSession(Stream stream, string description, TimeProvider time)
    {
        _stream = stream;
        _time = time;
        Description = description;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 512, leaveOpen: true));
    }

    public string Description { get; }

    /// <summary>Whether any byte has come from the device on this session: it is powered and listening.</summary>
    public bool HasHeard => _heard;

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw DeviceFaultException.LinkLost($"Write to {Description} failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Waits for the next frame the reader accepts. Garbage is skipped by the reader; more than
    /// <see cref="MaxUnparsedBytes"/> without a frame is a protocol fault; the deadline is a <c>no_answer</c> fault.
    /// </summary>
    public async Task<T> ReceiveAsync<T>(IMessageReader<T> messageReader, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw DeviceFaultException.NoAnswer(what, timeout);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
            {
                throw DeviceFaultException.LinkLost($"Read from {Description} failed: {ex.Message}", ex);
            }

            var buffer = result.Buffer;
            _heard |= !buffer.IsEmpty;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                if (messageReader.TryParseMessage(buffer, ref consumed, ref examined, out var message))
                {
                    // Bytes after this frame are not examined yet: the next receive must look at them first.
                    examined = consumed;
                    return message;
                }

                if (buffer.Slice(consumed).Length > MaxUnparsedBytes)
                {
                    consumed = buffer.End;
                    throw DeviceFaultException.Protocol($"No valid frame in {MaxUnparsedBytes} bytes from {Description}.");
                }

                if (result.IsCompleted)
                {
                    throw DeviceFaultException.LinkLost($"{Description} closed the link.");
                }
            }
            finally
            {
                _reader.AdvanceTo(consumed, examined);
            }
        }
    }

    /// <summary>Drops whatever the device sent that nobody asked for (stale replies before a new command).</summary>
    public void DiscardBuffered()
    {
        if (_reader.TryRead(out var result))
        {
            _reader.AdvanceTo(result.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
