using System.IO.Ports;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>
/// The ZVT driver through System.IO.Ports on a socat pty pair, the emulator on the other end: the real serial path.
/// Without socat these fail with the install hint (CI installs it).
/// </summary>
public sealed class ZvtTerminalPtyTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private readonly PtyPair _pair = PtyPair.Create();
    private SerialPort? _devicePort;

    private async Task<(DeviceRig Rig, ZvtTerminalEmulator Terminal)> StartAsync()
    {
        var terminal = ZvtTerminalSupervisionTests.NewTerminal();
        PlugDevice(terminal);
        var link = new SerialLink(new DeviceLinkOptions
        {
            Kind = LinkKind.Serial, Path = _pair.AgentPath, BaudRate = 9600, DataBits = 8, Parity = Parity.None, StopBits = StopBits.Two,
        });
        var rig = await DeviceRig.StartAsync(DeviceKind.Tpv, new ZvtTerminalProtocol(ZvtTerminalSupervisionTests.Fast), terminal, link);
        return (rig, terminal);
    }

    /// <summary>
    /// Opens the device end and attaches the emulator. Retries briefly: after a re-plug, PtyPair.Plug can return while
    /// socat is still replacing a stale link (socat is killed with SIGKILL, so it never removes its links itself).
    /// </summary>
    private void PlugDevice(ZvtTerminalEmulator terminal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var port = new SerialPort(_pair.DevicePath, 9600, Parity.None, 8, StopBits.Two) { Handshake = Handshake.None };
            try
            {
                port.Open();
                _devicePort = port;
                terminal.Attach(port.BaseStream);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && DateTime.UtcNow < deadline)
            {
                port.Dispose();
                Thread.Sleep(50);
            }
        }
    }

    [Fact]
    public async Task Ready_over_a_pty()
    {
        var (rig, terminal) = await StartAsync();
        await using var _ = rig;

        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        Assert.Equal(_pair.AgentPath, rig.Current.Connection.Port);
        Assert.Equal("52001234", ((TpvSnapshot)rig.Current).TerminalId);
        Assert.True(terminal.CommandsAnswered > 0);
    }

    [Fact]
    public async Task An_error_shows_over_a_pty()
    {
        var (rig, terminal) = await StartAsync();
        await using var _ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        terminal.Inject("needs_initialisation");

        await rig.WaitForAsync(s => s is TpvSnapshot { NeedsInitialisation: true, State: "Error" }, Within, "initialisation required over pty");
    }

    [Fact]
    public async Task Unplugged_is_offline_within_two_polls_and_replugged_is_ready_again()
    {
        var (rig, terminal) = await StartAsync();
        await using var _ = rig;
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready over pty");

        _devicePort?.Dispose();
        _pair.Unplug();
        var offlineAfter = await rig.WaitForAsync(s => s.State == "Offline", Within, "offline after unplug");
        var limit = (2 * ZvtTerminalSupervisionTests.Fast.PollInterval) + TimeSpan.FromSeconds(1.5);
        Assert.True(offlineAfter <= limit, $"offline after {offlineAfter}, limit {limit}");
        Assert.NotEmpty(rig.Current.Errors);

        _pair.Plug();
        PlugDevice(terminal);
        await rig.WaitForAsync(s => s.State == "Ready", Within, "ready after replug, same supervisor");
    }

    public void Dispose()
    {
        _devicePort?.Dispose();
        _pair.Dispose();
    }
}
