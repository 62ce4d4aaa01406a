using System.IO.Ports;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Scanner;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>
/// The driver through System.IO.Ports over a socat pty pair, the emulator on the other end: the path real
/// hardware takes. Without socat these fail with PtyPair's message naming the package to install.
/// </summary>
public sealed class SsiScannerPtyTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(8);

    private static SerialPort OpenDeviceEnd(PtyPair pair, SsiScannerEmulator scanner)
    {
        var port = new SerialPort(pair.DevicePath, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        scanner.Attach(port.BaseStream);
        return port;
    }

    private static Task<DeviceRig> StartAsync(PtyPair pair, SsiScannerEmulator scanner) =>
        DeviceRig.StartAsync(DeviceKind.Scanner, new SsiScannerProtocol(SsiScannerSupervisionTests.Fast), scanner,
            link: new SerialLink(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600 }));

    private static void Close(SerialPort port) => _ = Task.Run(port.Dispose); // Close() can block after a hang-up

    [Fact]
    public async Task Online_over_a_pty_with_the_revision()
    {
        using var pair = PtyPair.Create();
        var scanner = SsiScannerSupervisionTests.NewScanner();
        var port = OpenDeviceEnd(pair, scanner);
        try
        {
            await using var rig = await StartAsync(pair, scanner);

            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");

            var snapshot = Assert.IsType<ScannerSnapshot>(rig.Current);
            Assert.Equal(SsiScannerEmulator.DefaultRevision, snapshot.Revision);
            Assert.Equal(pair.AgentPath, snapshot.Connection.Port);
            Assert.False(scanner.ScanEnabled);
        }
        finally
        {
            Close(port);
        }
    }

    [Fact]
    public async Task A_nak_fault_over_a_pty_shows_its_error()
    {
        using var pair = PtyPair.Create();
        var scanner = SsiScannerSupervisionTests.NewScanner();
        var port = OpenDeviceEnd(pair, scanner);
        try
        {
            await using var rig = await StartAsync(pair, scanner);
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");

            scanner.Inject("nak_bad_context");

            await rig.WaitForAsync(s => s.Health == DeviceHealth.Error && s.Errors.Any(e => e.Code == "command_out_of_context"), Within, "bad context over pty");
        }
        finally
        {
            Close(port);
        }
    }

    [Fact]
    public async Task Unplugged_reads_offline_within_two_poll_intervals_and_replugged_comes_back_without_a_restart()
    {
        using var pair = PtyPair.Create();
        var scanner = SsiScannerSupervisionTests.NewScanner();
        var port = OpenDeviceEnd(pair, scanner);
        try
        {
            await using var rig = await StartAsync(pair, scanner);
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "online over pty");

            pair.Unplug();
            var took = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "unplugged → offline");
            Assert.True(took < 2 * SsiScannerSupervisionTests.Fast.PollInterval + TimeSpan.FromMilliseconds(500), $"offline after {took.TotalMilliseconds:0} ms");

            Close(port);
            pair.Plug();
            port = OpenDeviceEnd(pair, scanner);
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "replugged → online");
            Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
        }
        finally
        {
            Close(port);
        }
    }
}
