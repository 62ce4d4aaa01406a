using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// A serial port on Linux driven through termios and poll(2), without System.IO.Ports. System.IO.Ports' SerialStream
/// runs every read and write through an I/O loop that polls with a 1 ms timeout while a read is pending and sleeps
/// 1 ms at a time for 2 s after the last I/O (dotnet/runtime#2379): with six ports polled every few hundred
/// milliseconds it never rests, about a thousand wakeups a second per port, 13 % of a core on an idle kiosk. Here
/// all ports share one thread that sleeps in poll(2) until a device sends something (<see cref="TtyPoller"/>).
/// <para>
/// The port is opened as System.IO.Ports opens it (O_NOCTTY, exclusive with TIOCEXCL, which root bypasses), set to
/// raw mode at the configured line settings, its stale input discarded. DTR and RTS are raised only when configured:
/// a pty refuses modem-line ioctls. Closing discards unsent output first, so it never waits for a device that is gone.
/// </para>
/// </summary>
public sealed class TermiosLink(DeviceLinkOptions options) : IDeviceLink
{
    public string Description => options.Path ?? "(no serial path)";

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = options.Path ?? throw new InvalidOperationException("A serial link needs a path.");
        if (!SerialLink.PortExists(path))
        {
            throw new FileNotFoundException($"Serial port {path} does not exist (unplugged, or udev has not named it yet).", path);
        }

        if (LineSettings.Problems(options).Select(p => p.Problem).ToList() is [_, ..] problems)
        {
            throw new IOException($"Serial port {path} cannot be opened as configured: {string.Join(" ", problems)}");
        }

        var handle = Open(path);
        try
        {
            Configure(handle.Fd, path);
            var channel = new TtyChannel(handle, path);
            TtyPoller.Shared.Add(channel);
            return Task.FromResult<Stream>(new TtyStream(channel, TtyPoller.Shared));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static unsafe TtyHandle Open(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* name = bytes)
        {
            do
            {
                fd = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
            }
            while (fd < 0 && errno == EINTR);
        }

        if (fd >= 0)
        {
            return new TtyHandle(fd);
        }

        var error = errno;
        if (error == ENOENT)
        {
            throw new FileNotFoundException($"Serial port {path} does not exist (unplugged, or udev has not named it yet).", path);
        }

        if (error == EACCES)
        {
            throw new UnauthorizedAccessException($"Serial port {path}: permission denied (is the agent's user in group dialout?).");
        }

        throw error == EBUSY
            ? new IOException($"Serial port {path} is held by another program (it took the port exclusively).")
            : TtyError.For(path, "open", error);
    }

    private unsafe void Configure(int fd, string path)
    {
        termios tty;
        if (tcgetattr(fd, &tty) != 0)
        {
            var error = errno;
            throw error == ENOTTY
                ? new IOException($"{path} is not a serial port (not a tty).")
                : TtyError.For(path, "tcgetattr", error);
        }

        if (ioctl(fd, TIOCEXCL) != 0)
        {
            throw TtyError.For(path, "TIOCEXCL (exclusive use)", errno);
        }

        LineSettings.Apply(&tty, options);
        if (tcsetattr(fd, (int)TCSANOW, &tty) != 0)
        {
            throw TtyError.For(path, $"setting {options.BaudRate} baud {options.DataBits}{options.Parity.ToString()[0]}{(options.StopBits == System.IO.Ports.StopBits.Two ? 2 : 1)}", errno);
        }

        if (options.DtrEnable)
        {
            RaiseModemLine(fd, path, TIOCM_DTR, "DTR");
        }

        if (options.RtsEnable)
        {
            RaiseModemLine(fd, path, TIOCM_RTS, "RTS");
        }

        // Whatever the device sent before the agent looked is stale.
        if (tcflush(fd, (int)TCIFLUSH) != 0)
        {
            throw TtyError.For(path, "discarding stale input", errno);
        }
    }

    private static unsafe void RaiseModemLine(int fd, string path, int line, string name)
    {
        if (ioctl(fd, TIOCMBIS, &line) != 0)
        {
            throw TtyError.For(path, $"raising {name} (configured {name}Enable)", errno);
        }
    }
}
