using System.IO.Ports;
using KioskAgent.Devices.BillReader;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.BillReader;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>
/// The driver over System.IO.Ports, the emulator on the other end of a socat pty pair: the real serial path.
/// Needs socat (PtyPair says how to install it when missing).
/// </summary>
public sealed class SspBillReaderPtyTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private readonly PtyPair _pair = PtyPair.Create();
    private readonly List<SerialPort> _devicePorts = [];
    private readonly SspBillReaderEmulator _reader = new(TimeProvider.System, TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Online_over_a_pty_and_a_full_cash_box_shows()
    {
        AttachDeviceEnd();
        await using var rig = await StartAsync();

        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over the pty");
        Assert.Equal(_pair.AgentPath, rig.Current.Connection.Port);

        _reader.Inject("cashbox_full");
        await rig.WaitForAsync(s => s is BillReaderSnapshot { Cashbox: CashboxState.Full, State: "Error" }, Within, "cash box full over the pty");
    }

    [Fact]
    public async Task Unplugged_it_goes_offline_within_two_polls_and_comes_back_when_plugged_in()
    {
        AttachDeviceEnd();
        await using var rig = await StartAsync();
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over the pty");

        // PtyPair.Unplug kills socat with SIGKILL, which leaves its symlinks dangling, and then waits up to 5 s
        // for them to vanish (File.Exists is true for a dangling link). So time the agent, not Unplug, and remove
        // the stale links before plugging in again, or Plug would return before socat made the new ones.
        var unplugging = Task.Run(_pair.Unplug);
        var took = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline after unplug");
        var limit = 2 * SspBillReaderSupervisionTests.Fast.PollInterval + TimeSpan.FromSeconds(1);
        Assert.True(took < limit, $"offline after {took}, limit {limit}");
        Assert.Equal("disconnected", rig.Current.Connection.Status);
        await unplugging;
        RemoveDanglingLink(_pair.AgentPath);
        RemoveDanglingLink(_pair.DevicePath);

        _pair.Plug();
        AttachDeviceEnd();
        await rig.WaitForAsync(s => s.State == "Ready" && s.Connection.Status == "connected", TimeSpan.FromSeconds(10), "ready again on the same supervisor");
    }

    public void Dispose()
    {
        foreach (var port in _devicePorts)
        {
            // Close() on a vanished pty can block: never on the test's path.
            _ = Task.Run(port.Dispose);
        }

        _pair.Dispose();
    }

    private Task<DeviceRig> StartAsync() => DeviceRig.StartAsync(
        DeviceKind.BillReader,
        new SspBillReaderProtocol(SspBillReaderSupervisionTests.Fast),
        _reader,
        new SerialLink(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = _pair.AgentPath, BaudRate = 9600, StopBits = StopBits.Two }));

    private static void RemoveDanglingLink(string path)
    {
        if (File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: false })
        {
            File.Delete(path);
        }
    }

    /// <summary>Opens the pty's device end as the validator's serial port and hands it to the emulator.</summary>
    private void AttachDeviceEnd()
    {
        var port = new SerialPort(_pair.DevicePath, 9600, Parity.None, 8, StopBits.Two) { Handshake = Handshake.None };
        port.Open();
        _devicePorts.Add(port);
        _reader.Attach(port.BaseStream);
    }
}
