using System.Diagnostics;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.ProofTests.Support;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Devices;

/// <summary>
/// Faults on the real serial path (the serial link the agent picks, termios on Linux, over socat ptys) for every driver: cables pulled while polling and
/// while restarting, a silent device, a port another process holds. One class at a time (the pty collection).
/// </summary>
[Collection(PtyCollection.Name)]
public sealed class DeviceFaultTests(ITestOutputHelper output)
{
    private const int Cycles = 20;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static bool Online(DeviceSnapshot s) => s.Health is DeviceHealth.Healthy or DeviceHealth.Warning;

    [Theory]
    [MemberData(nameof(PtyDrivers.Names), MemberType = typeof(PtyDrivers))]
    public async Task Unplug_and_replug_twenty_times_while_polling(string driver)
    {
        var (rig, device, _) = await PtyDrivers.StartAsync(driver);
        using var _device = device;
        await using var _rig = rig;
        await rig.WaitForAsync(Online, Within, "online over the pty");

        var detect = new List<double>();
        var reconnect = new List<double>();
        for (var i = 0; i < Cycles; i++)
        {
            device.Unplug();
            detect.Add((await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, $"offline after unplug {i}")).TotalMilliseconds);
            device.Replug();
            reconnect.Add((await rig.WaitForAsync(Online, Within, $"online after replug {i}")).TotalMilliseconds);
        }

        Figure.Print(output, "unplug while polling", $"{driver}: {Cycles} unplug/replug cycles, detect p50 {Figure.Percentile(detect, 50):0} ms p95 {Figure.Percentile(detect, 95):0} ms, "
            + $"reconnect p50 {Figure.Percentile(reconnect, 50):0} ms p95 {Figure.Percentile(reconnect, 95):0} ms");
        Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
    }

    [Theory]
    [MemberData(nameof(PtyDrivers.Names), MemberType = typeof(PtyDrivers))]
    public async Task Unplug_and_replug_twenty_times_during_restarts(string driver)
    {
        var (rig, device, _) = await PtyDrivers.StartAsync(driver);
        using var _device = device;
        await using var _rig = rig;
        await rig.WaitForAsync(Online, Within, "online over the pty");

        var back = new List<double>();
        var results = new Dictionary<RestartResult, int>();
        for (var i = 0; i < Cycles; i++)
        {
            var restart = rig.RestartAsync($"cycle-{i}");
            await rig.WaitForAsync(s => s.Health == DeviceHealth.Restarting, Within, $"restarting {i}");
            device.Unplug();
            await Task.Delay(TimeSpan.FromMilliseconds(50 + (i * 17 % 150)));
            var replugged = Stopwatch.StartNew();
            device.Replug();
            var outcome = await restart.WaitAsync(TimeSpan.FromSeconds(15));
            results[outcome.Result] = results.GetValueOrDefault(outcome.Result) + 1;
            await rig.WaitForAsync(Online, Within, $"online after restart {i}");
            back.Add(replugged.Elapsed.TotalMilliseconds);
        }

        Figure.Print(output, "unplug during restarts", $"{driver}: {Cycles} restarts with the cable pulled mid-way: "
            + $"{string.Join(", ", results.Select(r => $"{r.Value} {r.Key}"))}; replug → online p50 {Figure.Percentile(back, 50):0} ms p95 {Figure.Percentile(back, 95):0} ms");
        Assert.Equal(Cycles, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Equal(Cycles, results.GetValueOrDefault(RestartResult.Completed));
    }

    /// <summary>The quick ones in CI (≈ 40 s each); the TPV and the bill reader take 70–90 s for 100 polls: long.</summary>
    [Theory]
    [InlineData("printer")]
    [InlineData("dispenser")]
    [InlineData("scanner")]
    public Task A_silent_device_costs_no_handles_or_threads_over_a_hundred_polls(string driver) => SilentAsync(driver);

    [Theory]
    [Trait(Long.Category, Long.Value)]
    [InlineData("tpv")]
    [InlineData("bill_reader")]
    public Task A_silent_slow_polling_device_costs_no_handles_or_threads_over_a_hundred_polls(string driver) => SilentAsync(driver);

    private async Task SilentAsync(string driver)
    {
        var (rig, device, link) = await PtyDrivers.StartAsync(driver);
        using var _device = device;
        await using var _rig = rig;
        await rig.WaitForAsync(Online, Within, "online over the pty");

        device.Emulator.Inject("silence");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline when silent");
        await Task.Delay(500);
        var (fdsBefore, threadsBefore) = (Handles(), Threads());
        var opensBefore = link.Opens;
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => link.Opens - opensBefore >= 100, TimeSpan.FromSeconds(120), "100 connection attempts to the silent device");
        var elapsed = clock.Elapsed;
        await Task.Delay(500);
        var (fdsAfter, threadsAfter) = (Handles(), Threads());

        Figure.Print(output, "silent device", $"{driver}: {link.Opens - opensBefore} polls of a silent device in {elapsed.TotalSeconds:0.0} s: "
            + $"fds {fdsBefore} → {fdsAfter}, threads {threadsBefore} → {threadsAfter}; state {rig.Current.State} ({string.Join(",", rig.Current.Errors.Select(e => e.Code))})");
        Assert.Equal(DeviceHealth.Offline, rig.Current.Health);
        // A descriptor leaked per reconnect would show as ≥ 100; a few come and go with the runtime (thread pool, GC).
        Assert.True(fdsAfter - fdsBefore <= 8, $"file descriptors grew from {fdsBefore} to {fdsAfter} over 100 reconnects");
        Assert.True(threadsAfter - threadsBefore <= 6, $"threads grew from {threadsBefore} to {threadsAfter}");

        device.Emulator.Inject("none");
        await rig.WaitForAsync(Online, Within, "online when it answers again");
    }

    private static int Handles() => Directory.GetFiles("/proc/self/fd").Length;

    private static int Threads()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }
}
