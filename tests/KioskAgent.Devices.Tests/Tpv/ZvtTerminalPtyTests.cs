using System.IO.Ports;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>
/// The ZVT driver through the serial link (termios on Linux) on a socat pty pair, the emulator on the other end: the real serial path
/// at ZVT's 9600 8N2. Without socat these fail with the install hint (CI installs it).
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class ZvtTerminalPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static async Task<(DeviceRig Rig, SerialDeviceEnd Device, ZvtTerminalEmulator Terminal)> StartAsync()
    {
        var pair = PtyPair.Create();
        var terminal = ZvtTerminalSupervisionTests.NewTerminal();
        var device = new SerialDeviceEnd(pair, terminal, 9600, Parity.None, StopBits.Two);
        var link = SerialLinks.Create(new DeviceLinkOptions
        {
            Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600, DataBits = 8, Parity = Parity.None, StopBits = StopBits.Two,
        });
        var rig = await DeviceRig.StartAsync(DeviceKind.Tpv, new ZvtTerminalProtocol(ZvtTerminalSupervisionTests.Fast), terminal, link);
        return (rig, device, terminal);
    }

    [Fact]
    public async Task Ready_over_a_pty()
    {
        var (rig, device, terminal) = await StartAsync();
        using var _ = device;
        await using var __ = rig;

        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        Assert.Equal(device.Pair.AgentPath, rig.Current.Connection.Port);
        Assert.Equal("52001234", ((TpvSnapshot)rig.Current).TerminalId);
        Assert.True(terminal.CommandsAnswered > 0);
    }

    [Fact]
    public async Task An_error_shows_over_a_pty()
    {
        var (rig, device, terminal) = await StartAsync();
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        terminal.Inject("needs_initialisation");

        await rig.WaitForAsync(s => s is TpvSnapshot { NeedsInitialisation: true, State: "Error" }, Within, "initialisation required over pty");
    }

    [Fact]
    public async Task Unplugged_is_offline_within_two_polls_and_replugged_is_ready_again()
    {
        var (rig, device, terminal) = await StartAsync();
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        Assert.True(terminal.IsRegistered);
        device.Unplug();
        var offlineAfter = await rig.WaitForAsync(s => s.State == "Offline", Within, "offline after unplug");
        var limit = (2 * ZvtTerminalSupervisionTests.Fast.PollInterval) + TimeSpan.FromSeconds(1.5);
        Assert.True(offlineAfter <= limit, $"offline after {offlineAfter}, limit {limit}");
        Assert.NotEmpty(rig.Current.Errors);

        device.Replug();
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready after replug, same supervisor");
    }
}
