using KioskAgent.Devices.Links;
using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Printer;

namespace KioskAgent.Devices.Tests.Printer;

/// <summary>
/// The same driver over a real pseudo-terminal pair, System.IO.Ports on the device end. The agent end runs on the
/// link <c>Auto</c> picks (termios on Linux) and on System.IO.Ports, the escape hatch, so both stay covered.
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class EscPosPrinterPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static async Task<(DeviceRig Rig, SerialDeviceEnd Device)> StartAsync(SerialDriver driver, EscPosOptions? options = null)
    {
        var pair = PtyPair.Create();
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(100));
        var device = new SerialDeviceEnd(pair, printer);
        var link = SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, Driver = driver });
        var rig = await DeviceRig.StartAsync(DeviceKind.Printer, new EscPosPrinterProtocol(options ?? EscPosPrinterSupervisionTests.Fast), printer, link);
        return (rig, device);
    }

    [Theory]
    [InlineData(SerialDriver.Auto)]
    [InlineData(SerialDriver.SystemIoPorts)]
    public async Task Online_and_paper_out_over_a_pty(SerialDriver driver)
    {
        var (rig, device) = await StartAsync(driver);
        using var _ = device;
        await using var __ = rig;

        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");
        Assert.Equal(device.Pair.AgentPath, rig.Current.Connection.Port);

        device.Emulator.Inject("paper_out");
        await rig.WaitForAsync(s => s is PrinterSnapshot { Paper: PaperLevel.Out } && s.Health == DeviceHealth.Error, Within, "paper out over pty");
    }

    [Theory]
    [InlineData(SerialDriver.Auto)]
    [InlineData(SerialDriver.SystemIoPorts)]
    public async Task Unplug_goes_offline_within_two_poll_intervals_and_replug_comes_back_without_restarting(SerialDriver driver)
    {
        var options = new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(200), ReplyTimeout = TimeSpan.FromMilliseconds(150) };
        var (rig, device) = await StartAsync(driver, options);
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");

        device.Unplug();
        var detected = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline after unplug");
        Assert.True(detected <= 2 * options.PollInterval + TimeSpan.FromMilliseconds(300), $"unplug detected after {detected.TotalMilliseconds:0} ms");

        device.Replug();
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online after replug");
    }

    [Fact]
    public async Task Restart_power_cycles_over_a_pty()
    {
        var (rig, device) = await StartAsync(SerialDriver.Auto);
        using var _ = device;
        await using var __ = rig;
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
    }
}
