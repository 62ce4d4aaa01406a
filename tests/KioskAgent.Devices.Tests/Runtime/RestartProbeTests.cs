using KioskAgent.Devices.Links;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Printer;
using Nerdbank.Streams;

namespace KioskAgent.Devices.Tests.Runtime;

/// <summary>How fast a restarted device is found answering again.</summary>
public sealed class RestartProbeTests
{
    private static readonly TimeSpan PowerOff = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_probe_lost_while_the_device_boots_does_not_cost_a_whole_reply_timeout()
    {
        // A generous reply timeout (3 s): without quick probes, a probe sent during the boot waits all of it.
        var boot = TimeSpan.FromMilliseconds(600);
        var printer = new EscPosPrinterEmulator(TimeProvider.System, boot);
        var protocol = new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(100), ReplyTimeout = TimeSpan.FromSeconds(3) });
        await using var rig = await DeviceRig.StartAsync(DeviceKind.Printer, protocol, printer, options: Options(TimeSpan.FromSeconds(5)));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(5), "online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        var overhead = outcome.Duration - PowerOff - boot;
        Assert.True(overhead < TimeSpan.FromSeconds(2), $"overhead {overhead.TotalMilliseconds:0} ms (a lost 3 s probe would exceed it)");
    }

    [Fact]
    public async Task A_device_slower_than_the_quick_probe_still_comes_back_after_the_window()
    {
        // Every reply takes 300 ms, twice the quick-probe timeout: quick probes all fail, then a full one succeeds.
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        var protocol = new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(200), ReplyTimeout = TimeSpan.FromSeconds(1) });
        var link = new SlowLink(printer, TimeSpan.FromMilliseconds(300));
        await using var rig = await DeviceRig.StartAsync(DeviceKind.Printer, protocol, printer, link, options: Options(TimeSpan.FromSeconds(1)));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(10), "online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.True(outcome.Duration >= TimeSpan.FromSeconds(1), $"came back after the quick window, in {outcome.Duration.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_device_that_answers_at_once_but_finishes_slowly_keeps_its_probe_attempt()
    {
        // The first byte of every session comes at once, each later one 300 ms late: a probe takes about a second,
        // far beyond the 150 ms quick-probe timeout. Only silence cuts an attempt, so the first attempt after the
        // boot succeeds; cutting by the whole probe's time would fail every attempt for the 5 s window.
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        var protocol = new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(200), ReplyTimeout = TimeSpan.FromSeconds(1) });
        var link = new SlowLink(printer, TimeSpan.FromMilliseconds(300), immediateReads: 1);
        await using var rig = await DeviceRig.StartAsync(DeviceKind.Printer, protocol, printer, link, options: Options(TimeSpan.FromSeconds(5)));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(10), "online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(4.5), $"came back within the quick window, in {outcome.Duration.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task After_a_restart_polling_goes_on_with_the_session_the_probe_found_answering()
    {
        // Soft reset: one session for ESC @, one for the probe. Polling then continues on the probe's session
        // instead of opening and initialising the device a third time.
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        var link = new CountingLink(new InMemoryLink(printer, "emulator:printer"));
        var protocol = new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(50), ReplyTimeout = TimeSpan.FromSeconds(1) });
        await using var rig = await DeviceRig.StartAsync(DeviceKind.Printer, protocol, printer, link, withRelay: false);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(5), "online");
        var opensBefore = link.Opens;

        var outcome = await rig.RestartAsync();
        var answered = printer.CommandsAnswered;
        await Eventually.TrueAsync(() => printer.CommandsAnswered >= answered + 12, TimeSpan.FromSeconds(5), "three more polls");

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.SoftReset, outcome.Method);
        Assert.Equal(2, link.Opens - opensBefore);
        Assert.Equal(DeviceHealth.Healthy, rig.Current.Health);
    }

    private static SupervisorOptions Options(TimeSpan quickWindow)
    {
        var options = DeviceRig.FastOptions(deadline: TimeSpan.FromSeconds(15));
        options.PowerOffTime = PowerOff;
        options.RestartQuickProbeWindow = quickWindow;
        return options;
    }

    private sealed class CountingLink(IDeviceLink inner) : IDeviceLink
    {
        private int _opens;

        public int Opens => Volatile.Read(ref _opens);

        public string Description => inner.Description;

        public Task<Stream> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opens);
            return inner.OpenAsync(cancellationToken);
        }
    }

    /// <summary>An in-memory link whose device answers late: reads wait before they return.</summary>
    private sealed class SlowLink(DeviceEmulator device, TimeSpan lag, int immediateReads = 0) : IDeviceLink
    {
        public string Description => "emulator:slow-printer";

        public Task<Stream> OpenAsync(CancellationToken cancellationToken)
        {
            var (agentSide, deviceSide) = FullDuplexStream.CreatePair();
            device.Attach(deviceSide);
            return Task.FromResult<Stream>(new LaggingStream(agentSide, lag, immediateReads));
        }
    }

    /// <summary>Every read after the first <paramref name="immediateReads"/> returns <paramref name="lag"/> late.</summary>
    private sealed class LaggingStream(Stream inner, TimeSpan lag, int immediateReads) : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (++_reads > immediateReads)
            {
                await Task.Delay(lag, cancellationToken);
            }

            return read;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
