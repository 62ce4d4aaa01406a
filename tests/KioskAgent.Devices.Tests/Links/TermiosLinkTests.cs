using System.Buffers;
using System.IO.Ports;
using System.Text;
using KioskAgent.Devices.Codecs;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Links.Termios;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Tests.Links;

/// <summary>
/// The termios link against a socat pty pair, System.IO.Ports on the device end as an independent peer. Limits are
/// generous on purpose: they catch a hang, not a slow machine.
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class TermiosLinkTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static DeviceLinkOptions Options(string path) => new() { Kind = LinkKind.Serial, Path = path, Driver = SerialDriver.Termios };

    private static SerialPort OpenDeviceEnd(PtyPair pair)
    {
        var port = new SerialPort(pair.DevicePath, 9600, Parity.None, 8, StopBits.One);
        port.Open();
        return port;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes, limit.Token);
        return bytes;
    }

    [Fact]
    public async Task Every_byte_value_goes_both_ways()
    {
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        await using var agent = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        await agent.WriteAsync(all);
        Assert.Equal(all, await ReadExactlyAsync(device.BaseStream, all.Length));

        await device.BaseStream.WriteAsync(all);
        Assert.Equal(all, await ReadExactlyAsync(agent, all.Length));
    }

    [Fact]
    public async Task A_cancelled_read_loses_none_of_the_bytes_that_arrive_later()
    {
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        await using var agent = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);

        using (var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await agent.ReadAtLeastAsync(new byte[16], 1, cancellationToken: soon.Token));
        }

        await device.BaseStream.WriteAsync("late reply"u8.ToArray());
        Assert.Equal("late reply", Encoding.ASCII.GetString(await ReadExactlyAsync(agent, "late reply".Length)));
    }

    [Fact]
    public async Task Writes_larger_than_the_tty_queue_arrive_whole()
    {
        // A megabyte fills the pty's output queue many times over: the writer must wait for room, not fail or spin.
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        await using var agent = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);
        var payload = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7)).ToArray();

        var received = ReadExactlyAsync(device.BaseStream, payload.Length);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.WriteAsync(payload, limit.Token);

        Assert.Equal(payload, await received);
    }

    [Fact]
    public async Task Bytes_sent_while_nobody_reads_are_all_there_later()
    {
        // More than the port's pipe holds before the poll thread pauses reading it: reading must resume.
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        await using var agent = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);
        var payload = Enumerable.Range(0, 256 * 1024).Select(i => (byte)(i * 13)).ToArray();

        var sent = device.BaseStream.WriteAsync(payload).AsTask();
        await Task.Delay(500);
        Assert.Equal(payload, await ReadExactlyAsync(agent, payload.Length));
        await sent.WaitAsync(Within);
    }

    [Fact]
    public async Task Unplugging_ends_a_pending_read_with_an_IOException_and_the_session_calls_it_link_lost()
    {
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        var stream = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);
        await using var session = new LinkSession(stream, pair.AgentPath, TimeProvider.System);
        // The session's read is already waiting on the port's pipe: only the poll thread seeing the hang-up can end it.
        var pending = session.ReceiveAsync(new OneByte(), "anything", TimeSpan.FromSeconds(60), CancellationToken.None);
        await Task.Delay(200);
        Assert.False(pending.IsCompleted);

        device.Dispose();
        pair.Unplug();

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => pending.WaitAsync(Within));
        Assert.Equal("link_lost", fault.Code);
        Assert.IsAssignableFrom<IOException>(fault.InnerException);
        var write = await Assert.ThrowsAsync<DeviceFaultException>(() => session.SendAsync(new byte[] { 1 }, CancellationToken.None).WaitAsync(Within));
        Assert.Equal("link_lost", write.Code);
    }

    [Theory]
    [InlineData(12345, StopBits.One, "12345")]
    [InlineData(9600, StopBits.OnePointFive, "OnePointFive")]
    public async Task Settings_termios_cannot_set_are_refused_naming_the_port_and_the_setting(int baud, StopBits stopBits, string expected)
    {
        using var pair = PtyPair.Create();
        var options = Options(pair.AgentPath);
        options.BaudRate = baud;
        options.StopBits = stopBits;

        var error = await Assert.ThrowsAsync<IOException>(() => new TermiosLink(options).OpenAsync(CancellationToken.None));
        Assert.Contains(pair.AgentPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_is_not_a_tty_is_refused_as_not_a_serial_port()
    {
        var file = Path.GetTempFileName();
        try
        {
            foreach (var path in new[] { "/dev/null", file })
            {
                var error = await Assert.ThrowsAsync<IOException>(() => new TermiosLink(Options(path)).OpenAsync(CancellationToken.None));
                Assert.Equal($"{path} is not a serial port (not a tty).", error.Message);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_port_is_named()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new TermiosLink(Options("/dev/serial/by-id/not-plugged-in")).OpenAsync(CancellationToken.None));
        Assert.Contains("/dev/serial/by-id/not-plugged-in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_port_is_held_exclusively_while_open_and_released_after()
    {
        using var pair = PtyPair.Create();
        var observer = OpenRaw(pair.AgentPath);
        try
        {
            Assert.False(IsExclusive(observer));
            var agent = await new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None);
            Assert.True(IsExclusive(observer));

            if (geteuid() != 0)
            {
                var second = await Assert.ThrowsAsync<IOException>(() => new TermiosLink(Options(pair.AgentPath)).OpenAsync(CancellationToken.None));
                Assert.Contains("held by another program", second.Message, StringComparison.Ordinal);
            }

            // As root (CI) TIOCEXCL does not refuse a second open (CAP_SYS_ADMIN bypasses it), so only the flag itself
            // is asserted there; the refusal above runs for a normal user.
            await agent.DisposeAsync();
            await Eventually.TrueAsync(() => !IsExclusive(observer), Within, "exclusive flag cleared after dispose");
        }
        finally
        {
            _ = close(observer);
        }
    }

    [Fact]
    public async Task Many_opens_and_closes_leave_no_descriptors_or_threads_behind()
    {
        using var pair = PtyPair.Create();
        using var device = OpenDeviceEnd(pair);
        var link = new TermiosLink(Options(pair.AgentPath));
        await RoundTripAsync(link, device);
        await Eventually.TrueAsync(() => TtyPoller.Shared.Holding == 0, Within, "warm-up port closed");
        var descriptors = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        var threads = Directory.GetDirectories("/proc/self/task").Length;

        for (var i = 0; i < 200; i++)
        {
            await RoundTripAsync(link, device);
        }

        await Eventually.TrueAsync(() => TtyPoller.Shared.Holding == 0, Within, "every port handed back to the poll thread is closed");
        await Eventually.TrueAsync(() => Directory.GetFileSystemEntries("/proc/self/fd").Length <= descriptors + 2, Within,
            $"descriptors back to about {descriptors} after 200 opens (now {Directory.GetFileSystemEntries("/proc/self/fd").Length})");

        // Thread-pool threads come and go; a thread per open would be 200 more.
        Assert.True(Directory.GetDirectories("/proc/self/task").Length <= threads + 8, $"threads {threads} before, {Directory.GetDirectories("/proc/self/task").Length} after");
    }

    private static async Task RoundTripAsync(TermiosLink link, SerialPort device)
    {
        await using var agent = await link.OpenAsync(CancellationToken.None);
        await agent.WriteAsync(new byte[] { 0x10, 0x04, 0x01 });
        Assert.Equal(new byte[] { 0x10, 0x04, 0x01 }, await ReadExactlyAsync(device.BaseStream, 3));
    }

    private static unsafe int OpenRaw(string path)
    {
        var name = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = name)
        {
            var fd = open(p, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
            Assert.True(fd >= 0, $"open {path}: errno {errno}");
            return fd;
        }
    }

    private static unsafe bool IsExclusive(int fd)
    {
        var exclusive = 0;
        Assert.Equal(0, ioctl(fd, TIOCGEXCL, &exclusive));
        return exclusive != 0;
    }

    /// <summary>Any one byte is a message: enough to hold a receive open.</summary>
    private sealed class OneByte : IMessageReader<byte>
    {
        public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out byte message)
        {
            message = 0;
            if (input.IsEmpty)
            {
                return false;
            }

            message = input.FirstSpan[0];
            consumed = input.GetPosition(1);
            return true;
        }
    }
}
