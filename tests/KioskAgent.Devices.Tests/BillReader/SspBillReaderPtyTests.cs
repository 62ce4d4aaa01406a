using System.IO.Ports;
using KioskAgent.Devices.BillReader;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.BillReader;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>
/// The driver over the serial link (termios on Linux), the emulator on the other end of a socat pty pair at 9600 8N2: the real
/// serial path. Needs socat (PtyPair says how to install it when missing).
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class SspBillReaderPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static async Task<(DeviceRig Rig, SerialDeviceEnd Device)> StartAsync()
    {
        var pair = PtyPair.Create();
        var reader = new SspBillReaderEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(100));
        var device = new SerialDeviceEnd(pair, reader, stopBits: StopBits.Two);
        var link = SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600, StopBits = StopBits.Two });
        var rig = await DeviceRig.StartAsync(DeviceKind.BillReader, new SspBillReaderProtocol(SspBillReaderSupervisionTests.Fast), reader, link);
        return (rig, device);
    }

    [Fact]
    public async Task Ready_and_a_full_cash_box_over_a_pty()
    {
        var (rig, device) = await StartAsync();
        using var _ = device;
        await using var __ = rig;

        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over the pty");
        Assert.Equal(device.Pair.AgentPath, rig.Current.Connection.Port);

        device.Emulator.Inject("cashbox_full");
        await rig.WaitForAsync(s => s is BillReaderSnapshot { Cashbox: CashboxState.Full, State: "Error" }, Within, "cash box full over the pty");
    }

    [Fact]
    public async Task Unplug_goes_offline_within_two_poll_intervals_and_replug_comes_back_without_restarting()
    {
        var (rig, device) = await StartAsync();
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over the pty");

        device.Unplug();
        var detected = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline after unplug");
        var limit = 2 * SspBillReaderSupervisionTests.Fast.PollInterval + TimeSpan.FromMilliseconds(300);
        Assert.True(detected <= limit, $"unplug detected after {detected.TotalMilliseconds:0} ms, limit {limit.TotalMilliseconds:0} ms");
        Assert.Equal("disconnected", rig.Current.Connection.Status);

        device.Replug();
        await rig.WaitForAsync(s => s.State == "Ready" && s.Connection.Status == "connected", Within, "ready again on the same supervisor");
    }

    [Fact]
    public async Task Restart_power_cycles_over_a_pty()
    {
        var (rig, device) = await StartAsync();
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over the pty");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.True(Assert.IsType<BillReaderSnapshot>(outcome.Snapshot).ResetAfterPowerUp);
    }
}
