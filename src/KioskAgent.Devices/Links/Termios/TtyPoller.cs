using System.Buffers;
using System.IO.Pipelines;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// The one thread that waits for every open serial port: poll(2) over all their descriptors plus an eventfd, with
/// no timeout. It wakes only when a device sent bytes, a writer waits for room, a port hung up, or a port was added or
/// removed (the eventfd) — an idle kiosk costs no wakeups at all, where System.IO.Ports wakes every millisecond per port.
/// It reads what arrived into the port's pipe, and is the only place a port's descriptor is closed, after it has left
/// the poll set, so a close can never race a poll.
/// </summary>
internal sealed class TtyPoller
{
    private static readonly Lazy<TtyPoller> Instance = new(() => new TtyPoller());

    private readonly Lock _gate = new();
    private readonly List<TtyChannel> _open = [];
    private readonly List<TtyChannel> _leaving = [];
    private readonly int _wakeFd;
    private pollfd[] _pollSet = new pollfd[8];
    private TtyChannel[] _polled = new TtyChannel[8];

    private TtyPoller()
    {
        _wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (_wakeFd < 0)
        {
            throw new IOException($"Cannot create the serial poller's eventfd: errno {errno}.");
        }

        new Thread(Run) { IsBackground = true, Name = "kiosk serial poll" }.Start();
    }

    public static TtyPoller Shared => Instance.Value;

    /// <summary>How many ports the poll thread holds, including those it has yet to close (tests count leaks with it).</summary>
    public int Holding
    {
        get
        {
            lock (_gate)
            {
                return _open.Count + _leaving.Count;
            }
        }
    }

    public void Add(TtyChannel channel)
    {
        lock (_gate)
        {
            _open.Add(channel);
        }

        Wake();
    }

    /// <summary>Hands the port back: the poll thread drops it, ends its reader and writers, and closes it. Never blocks.</summary>
    public void Remove(TtyChannel channel)
    {
        lock (_gate)
        {
            if (_open.Remove(channel))
            {
                _leaving.Add(channel);
            }
        }

        Wake();
    }

    /// <summary>Makes the poll thread look again at what it should wait for.</summary>
    public unsafe void Wake()
    {
        ulong one = 1;
        _ = write(_wakeFd, &one, sizeof(ulong));
    }

    private void Run()
    {
        while (true)
        {
            var count = PrepareToWait();
            if (!WaitForEvents(count))
            {
                continue;
            }

            for (var i = 1; i < count; i++)
            {
                if (_pollSet[i].revents != 0)
                {
                    Serve(_polled[i], _pollSet[i].revents);
                }

                _polled[i] = null!;
            }
        }
    }

    /// <summary>Closes the ports that left and fills the poll set: the eventfd first, then each port with something to wait for.</summary>
    private int PrepareToWait()
    {
        TtyChannel[] leaving;
        TtyChannel[] open;
        lock (_gate)
        {
            leaving = [.. _leaving];
            _leaving.Clear();
            open = [.. _open];
        }

        foreach (var channel in leaving)
        {
            Close(channel);
        }

        if (_pollSet.Length < open.Length + 1)
        {
            _pollSet = new pollfd[(open.Length + 1) * 2];
            _polled = new TtyChannel[_pollSet.Length];
        }

        _pollSet[0] = new pollfd { fd = _wakeFd, events = POLLIN };
        var count = 1;
        foreach (var channel in open)
        {
            short events = 0;
            if (!channel.ReadingDone && !channel.ReadingPaused)
            {
                events |= POLLIN;
            }

            if (channel.WantsToWrite)
            {
                events |= POLLOUT;
            }

            // A port with nothing to wait for stays out: poll reports a hang-up whatever the events asked, and a
            // port that hung up before would wake the thread again and again.
            if (events != 0)
            {
                _pollSet[count] = new pollfd { fd = channel.Handle.Fd, events = events };
                _polled[count] = channel;
                count++;
            }
        }

        return count;
    }

    private unsafe bool WaitForEvents(int count)
    {
        int ready;
        fixed (pollfd* set = _pollSet)
        {
            ready = poll(set, (uint)count, -1);
        }

        if (ready < 0)
        {
            var error = errno;
            if (error != EINTR)
            {
                // Not expected with descriptors this thread owns; fail the ports rather than spin on the error.
                for (var i = 1; i < count; i++)
                {
                    Fail(_polled[i], TtyError.For(_polled[i].Path, "poll", error));
                    _polled[i].EndWriteWait(false);
                }

                Thread.Sleep(100);
            }

            return false;
        }

        if (_pollSet[0].revents != 0)
        {
            ulong drained;
            _ = read(_wakeFd, &drained, sizeof(ulong));
        }

        return true;
    }

    private void Serve(TtyChannel channel, short revents)
    {
        var hungUp = (revents & POLLHUP) != 0 || (revents & POLLERR) != 0 || (revents & POLLNVAL) != 0;
        if (channel.WantsToWrite && ((revents & POLLOUT) != 0 || hungUp))
        {
            channel.EndWriteWait(writable: !hungUp);
        }

        if (!channel.ReadingDone && !channel.ReadingPaused && ((revents & POLLIN) != 0 || hungUp))
        {
            ReadArrived(channel, hungUp);
        }
    }

    /// <summary>Moves what the tty holds into the port's pipe; a hang-up (USB unplugged, pty master gone) ends the reader with an IOException.</summary>
    private unsafe void ReadArrived(TtyChannel channel, bool hungUp)
    {
        var writer = channel.Received.Writer;
        var received = 0;
        while (true)
        {
            var memory = writer.GetMemory(512);
            long got;
            using (var pin = memory.Pin())
            {
                got = read(channel.Handle.Fd, pin.Pointer, memory.Length);
            }

            if (got > 0)
            {
                writer.Advance((int)got);
                received += (int)got;
                if (got < memory.Length)
                {
                    break;
                }

                continue;
            }

            var error = got == 0 ? 0 : errno;
            if (error == EINTR)
            {
                continue;
            }

            if (error == EAGAIN && !hungUp)
            {
                break;
            }

            // EOF, EIO, or nothing left to read after a hang-up: the device is gone. Bytes read before stay readable.
            Fail(channel, error == 0 || error == EAGAIN
                ? new IOException($"Serial port {channel.Path} hung up (unplugged, or the other end closed).")
                : TtyError.For(channel.Path, "read", error));
            return;
        }

        if (received > 0)
        {
            Deliver(channel, writer.FlushAsync());
        }
    }

    private void Deliver(TtyChannel channel, ValueTask<FlushResult> flush)
    {
        if (flush.IsCompletedSuccessfully)
        {
            channel.ReadingDone |= flush.Result.IsCompleted;
            return;
        }

        channel.ReadingPaused = true;
        _ = ResumeWhenReadAsync(channel, flush);
    }

    private async Task ResumeWhenReadAsync(TtyChannel channel, ValueTask<FlushResult> flush)
    {
        try
        {
            // The reader leaving (IsCompleted) is handled when the port is removed.
            await flush.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // The reader is gone; Remove closes the port.
        }

        channel.ReadingPaused = false;
        Wake();
    }

    private static void Fail(TtyChannel channel, IOException error) => channel.EndReceiving(error);

    private static void Close(TtyChannel channel) => channel.Close();
}
