using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>
/// The driver through the serial link (termios on Linux) over a socat pty pair, the emulator on the other end: the path real
/// hardware takes. Without socat these fail with PtyPair's message naming the package to install.
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class SsiScannerPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static async Task<(DeviceRig Rig, SerialDeviceEnd Device, SsiScannerEmulator Scanner)> StartAsync()
    {
        var pair = PtyPair.Create();
        var scanner = SsiScannerSupervisionTests.NewScanner(bootMs: 100);
        var device = new SerialDeviceEnd(pair, scanner);
        var link = SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600 });
        var rig = await DeviceRig.StartAsync(DeviceKind.Scanner, new SsiScannerProtocol(SsiScannerSupervisionTests.Fast), scanner, link);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");
        return (rig, device, scanner);
    }

    [Fact]
    public async Task Online_over_a_pty_with_the_revision_and_a_nak_fault_shows_its_error()
    {
        var (rig, device, scanner) = await StartAsync();
        using var _ = device;
        await using var __ = rig;

        var snapshot = Assert.IsType<ScannerSnapshot>(rig.Current);
        Assert.Equal(SsiScannerEmulator.DefaultRevision, snapshot.Revision);
        Assert.Equal(device.Pair.AgentPath, snapshot.Connection.Port);
        Assert.False(scanner.ScanEnabled);

        scanner.Inject("nak_bad_context");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Error && s.Errors.Any(e => e.Code == "command_out_of_context"), Within, "bad context over pty");
    }

    [Fact]
    public async Task Unplug_goes_offline_within_two_poll_intervals_and_replug_comes_back_without_restarting()
    {
        var (rig, device, _) = await StartAsync();
        using var _device = device;
        await using var _rig = rig;

        device.Unplug();
        var detected = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline after unplug");
        var bound = 2 * SsiScannerSupervisionTests.Fast.PollInterval + TimeSpan.FromMilliseconds(300);
        Assert.True(detected <= bound, $"unplug detected after {detected.TotalMilliseconds:0} ms");

        device.Replug();
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online after replug");
        Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
    }

    [Fact]
    public async Task Silence_then_restart_power_cycles_back_online_over_a_pty()
    {
        var (rig, device, scanner) = await StartAsync();
        using var _device = device;
        await using var _rig = rig;

        scanner.Inject("silence");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "silent → offline");
        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal("Online", outcome.Snapshot.State);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
    }
}
