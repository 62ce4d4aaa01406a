using System.IO.Ports;

namespace KioskAgent.Devices.Links;

/// <summary>
/// A serial port by path, through System.IO.Ports, with the Linux behaviour observed on real ports and ptys
/// (protocols.md): reads are awaited with cancellation (ReadTimeout is ignored), DataReceived/PinChanged are
/// never subscribed (they start a busy loop), modem lines are touched only when configured (a pty refuses the
/// ioctl), and a vanished port is noticed by the owner through timeouts and write failures, then reopened by path.
/// </summary>
public sealed class SerialLink(DeviceLinkOptions options) : IDeviceLink
{
    public string Description => options.Path ?? "(no serial path)";

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = options.Path ?? throw new InvalidOperationException("A serial link needs a path.");
        if (!PortExists(path))
        {
            // SerialPort would throw too, but with a message that does not name the path.
            throw new FileNotFoundException($"Serial port {path} does not exist (unplugged, or udev has not named it yet).", path);
        }

        var port = new SerialPort(path, options.BaudRate, options.Parity, options.DataBits, options.StopBits)
        {
            Handshake = Handshake.None,
        };
        try
        {
            port.Open();
            if (options.DtrEnable)
            {
                port.DtrEnable = true;
            }

            if (options.RtsEnable)
            {
                port.RtsEnable = true;
            }

            port.DiscardInBuffer();
            return Task.FromResult<Stream>(new SerialPortStream(port, path));
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the port's path leads to a device. <c>/dev/serial/by-id</c> names are symlinks that udev removes on
    /// unplug, but a symlink left dangling (a killed socat, a stale udev rule) must count as vanished too.
    /// </summary>
    internal static bool PortExists(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return false;
        }

        try
        {
            return file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The port's stream, closing the port with it and noticing when the path vanishes.</summary>
    private sealed class SerialPortStream(SerialPort port, string path) : Stream
    {
        private readonly Stream _inner = port.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfVanished();
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfVanished();
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override void Flush() => _inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Close() after a timed-out write can block for seconds on Linux: never on the caller's path.
                _ = Task.Run(port.Dispose);
            }

            base.Dispose(disposing);
        }

        private void ThrowIfVanished()
        {
            if (!PortExists(path))
            {
                throw new IOException($"Serial port {path} vanished.");
            }
        }
    }
}
