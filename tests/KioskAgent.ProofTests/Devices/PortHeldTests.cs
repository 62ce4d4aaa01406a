using System.Diagnostics;
using KioskAgent.Devices;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.ProofTests.Support;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Devices;

/// <summary>
/// The agent's port already open in another process (a forgotten terminal program, a second agent). The holder opens
/// it as System.IO.Ports does (O_RDWR|O_NOCTTY, then TIOCEXCL) and reads what arrives. TIOCEXCL refuses later opens
/// with EBUSY, except for root (CAP_SYS_ADMIN), which CI is: then both processes read the same tty and steal each
/// other's bytes. Either way the agent must report the printer offline with a reason, never online on stolen replies.
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class PortHeldTests(ITestOutputHelper output)
{
    private const string Holder = """
        import os, fcntl, termios, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
        fcntl.ioctl(fd, termios.TIOCEXCL)
        print("held", flush=True)
        end = time.time() + 30
        while time.time() < end:
            os.read(fd, 1024)
        """;

    [Fact]
    public async Task A_port_held_by_another_process_is_reported_offline_with_the_reason()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Fail("python3 is needed to hold the port from another process (apt-get install -y python3)");
        }

        var (kind, protocol, emulator, stopBits) = PtyDrivers.Create("printer");
        var pair = PtyPair.Create();
        using var device = new SerialDeviceEnd(pair, emulator, 9600, System.IO.Ports.Parity.None, stopBits); // owns the pair
        using var holder = Process.Start(new ProcessStartInfo("python3", ["-c", Holder, pair.AgentPath]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            Assert.Equal("held", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            var link = new CountingLink(KioskAgent.Devices.Links.SerialLinks.Create(new KioskAgent.Devices.Links.DeviceLinkOptions
            {
                Kind = KioskAgent.Devices.Links.LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600, StopBits = stopBits,
            }));
            await using var rig = await DeviceRig.StartAsync(kind, protocol, emulator, link);

            var states = new Dictionary<string, int>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                var key = $"{rig.Current.State}({string.Join(",", rig.Current.Errors.Select(e => e.Code))})";
                states[key] = states.GetValueOrDefault(key) + 1;
                await Task.Delay(20);
            }

            var root = Environment.UserName == "root";
            Figure.Print(output, "port held by another process", $"as {(root ? "root (TIOCEXCL bypassed)" : "a normal user")}: "
                + $"{link.Opens} opens in 5 s; agent state samples {string.Join(", ", states.OrderByDescending(s => s.Value).Select(s => $"{s.Key}×{s.Value}"))}; "
                + $"last errors: {string.Join("; ", rig.Current.Errors.Select(e => $"{e.Code}: {e.Message}"))}");
            Assert.Equal(DeviceHealth.Offline, rig.Current.Health);
            Assert.NotEmpty(rig.Current.Errors);
            Assert.True(link.Opens >= 2, "the agent stopped trying");
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
    }
}
