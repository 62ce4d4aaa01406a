using System.IO.Ports;
using KioskAgent.Devices.Dispenser;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Dispenser;

namespace KioskAgent.Devices.Tests.Dispenser;

/// <summary>
/// The driver on System.IO.Ports, the emulator on the other end of a socat pseudo-terminal pair: the real serial
/// path. Without socat these fail with the message to install it (CI does).
/// </summary>
public sealed class K720DispenserPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private static readonly K720Options Options = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(250),
        AckTimeout = TimeSpan.FromMilliseconds(200),
        ReplyTimeout = TimeSpan.FromMilliseconds(200),
        Retries = 1,
        ResetTime = TimeSpan.FromMilliseconds(400),
    };

    private static Task<DeviceRig> StartAsync(PtyPair pair, K720DispenserEmulator dispenser, bool withRelay = true) =>
        DeviceRig.StartAsync(
            DeviceKind.Dispenser,
            new K720DispenserProtocol(Options, TimeProvider.System),
            dispenser,
            new SerialLink(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600 }),
            withRelay);

    /// <summary>The emulator's end: a SerialPort of its own on the device path.</summary>
    private static SerialPort Connect(PtyPair pair, K720DispenserEmulator dispenser)
    {
        var port = new SerialPort(pair.DevicePath, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        dispenser.Attach(port.BaseStream);
        return port;
    }

    /// <summary>
    /// Pulls the adapter: its device nodes vanish, then socat dies. PtyPair.Unplug alone kills socat with SIGKILL,
    /// which leaves socat's symlinks dangling; File.Exists is true on them, so Unplug waits out its 5 s and a later
    /// Plug returns before the new links exist. Removing the links first is what udev does for a real adapter.
    /// </summary>
    private static void PullCable(PtyPair pair)
    {
        File.Delete(pair.AgentPath);
        File.Delete(pair.DevicePath);
        pair.Unplug();
    }

    /// <summary>Closing a port whose pty vanished can block for seconds on Linux: never on the test's path.</summary>
    private static void Release(SerialPort port) => _ = Task.Run(port.Dispose);

    [Fact]
    public async Task Online_then_a_jam_then_cleared_over_a_pty()
    {
        using var pair = PtyPair.Create();
        var dispenser = K720DispenserSupervisionTests.NewDispenser();
        var port = Connect(pair, dispenser);
        try
        {
            await using var rig = await StartAsync(pair, dispenser);
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over the pty");
            Assert.Equal(pair.AgentPath, rig.Current.Connection.Port);
            Assert.Equal("K720-EMU 1.0", Assert.IsType<DispenserSnapshot>(rig.Current).Version);

            dispenser.Inject("jam");
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Error && s.Errors.Any(e => e.Code == "card_jam"), Within, "jam over the pty");

            dispenser.Inject("clear_jam");
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "cleared over the pty");
            Assert.Equal(0, dispenser.StatusGapViolations);
        }
        finally
        {
            Release(port);
            PullCable(pair);
        }
    }

    [Fact]
    public async Task Unplugged_it_goes_offline_within_two_polls_and_comes_back_when_plugged_in()
    {
        using var pair = PtyPair.Create();
        var dispenser = K720DispenserSupervisionTests.NewDispenser();
        var port = Connect(pair, dispenser);
        try
        {
            await using var rig = await StartAsync(pair, dispenser);
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over the pty");

            PullCable(pair);
            var margin = TimeSpan.FromSeconds(1);
            var offlineAfter = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, (2 * Options.PollInterval) + margin, "offline after unplug");
            Assert.Equal("disconnected", rig.Current.Connection.Status);
            Release(port);

            pair.Plug();
            port = Connect(pair, dispenser);
            var answered = dispenser.PacketsReceived("AP");
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "back online after replug, same supervisor");
            Assert.True(dispenser.PacketsReceived("AP") > answered, "the new pty carried status checks");
            Assert.True(offlineAfter < (2 * Options.PollInterval) + margin);
        }
        finally
        {
            Release(port);
            PullCable(pair);
        }
    }

    [Fact]
    public async Task A_soft_reset_over_a_pty_is_rs_and_clears_the_latched_error()
    {
        using var pair = PtyPair.Create();
        var dispenser = K720DispenserSupervisionTests.NewDispenser();
        dispenser.Inject("capture_error");
        var port = Connect(pair, dispenser);
        try
        {
            await using var rig = await StartAsync(pair, dispenser, withRelay: false);
            await rig.WaitForAsync(s => s.Errors.Any(e => e.Code == "capture_error"), Within, "capture error over the pty");

            var outcome = await rig.RestartAsync();

            Assert.Equal(Runtime.RestartResult.Completed, outcome.Result);
            Assert.Equal(Runtime.RestartMethod.SoftReset, outcome.Method);
            Assert.Equal(DeviceHealth.Healthy, outcome.Snapshot.Health);
            Assert.Equal(1, dispenser.PacketsReceived("RS"));
            Assert.Equal(0, dispenser.CommandsWhileBusy);
        }
        finally
        {
            Release(port);
            PullCable(pair);
        }
    }
}
