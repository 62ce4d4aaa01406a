using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Printer;

namespace KioskAgent.Devices.Tests.Printer;

/// <summary>The ESC/POS driver under its supervisor, against the emulated printer and relay, in process.</summary>
public sealed class EscPosPrinterSupervisionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    internal static EscPosOptions Fast => new() { PollInterval = TimeSpan.FromMilliseconds(50), ReplyTimeout = TimeSpan.FromMilliseconds(200) };

    private static Task<DeviceRig> StartAsync(EscPosPrinterEmulator printer, bool withRelay = true, SupervisorOptions? options = null) =>
        DeviceRig.StartAsync(DeviceKind.Printer, new EscPosPrinterProtocol(Fast), printer, withRelay: withRelay, options: options);

    private static EscPosPrinterEmulator NewPrinter(int bootMs = 50) => new(TimeProvider.System, TimeSpan.FromMilliseconds(bootMs));

    [Fact]
    public async Task A_healthy_printer_reads_online_with_time_and_connection()
    {
        var printer = NewPrinter();
        await using var rig = await StartAsync(printer);

        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        var snapshot = Assert.IsType<PrinterSnapshot>(rig.Current);
        Assert.Equal("Online", snapshot.State);
        Assert.Equal(PaperLevel.Ok, snapshot.Paper);
        Assert.Equal("connected", snapshot.Connection.Status);
        Assert.Equal("ESC/POS", snapshot.Connection.Protocol);
        Assert.NotNull(snapshot.ObservedAt);
        Assert.True(printer.CommandsAnswered > 0);
    }

    [Theory]
    [InlineData("paper_near_end", DeviceHealth.Warning, "paper_near_end")]
    [InlineData("paper_out", DeviceHealth.Error, "paper_out")]
    [InlineData("cover_open", DeviceHealth.Error, "cover_open")]
    [InlineData("cutter_error", DeviceHealth.Error, "cutter_error")]
    [InlineData("mechanical_error", DeviceHealth.Error, "mechanical_error")]
    [InlineData("unrecoverable_error", DeviceHealth.Error, "unrecoverable_error")]
    [InlineData("head_overheat", DeviceHealth.Warning, "auto_recoverable_error")]
    public async Task Each_fault_shows_in_the_snapshot_and_clears(string fault, DeviceHealth health, string code)
    {
        var printer = NewPrinter();
        await using var rig = await StartAsync(printer);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        Assert.True(printer.Inject(fault));
        await rig.WaitForAsync(s => s.Health == health && s.Errors.Any(e => e.Code == code), Within, fault);

        printer.Inject("paper_ok");
        printer.Inject("cover_closed");
        printer.Inject("clear_errors");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy && s.Errors.Count == 0, Within, "printer recovered");
    }

    [Theory]
    [InlineData("silence", "no_answer")]
    [InlineData("garbage", null)]
    public async Task Silence_and_garbage_make_it_offline_with_the_reason_then_it_recovers(string fault, string? code)
    {
        var printer = NewPrinter();
        await using var rig = await StartAsync(printer);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        printer.Inject(fault);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline && (code is null || s.Errors.Any(e => e.Code == code)), Within, $"{fault} → offline");
        Assert.Equal("disconnected", rig.Current.Connection.Status);
        Assert.NotNull(rig.Current.ObservedAt); // when it last answered, kept

        printer.Inject("none");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "back online");
    }

    [Fact]
    public async Task Restart_power_cycles_through_the_relay_and_waits_for_the_answer()
    {
        var printer = NewPrinter(bootMs: 300);
        printer.Inject("cutter_error");
        await using var rig = await StartAsync(printer);
        await rig.WaitForAsync(s => s.Errors.Any(e => e.Code == "cutter_error"), Within, "cutter error seen");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.PowerCycle, outcome.Method);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Equal(DeviceHealth.Healthy, outcome.Snapshot.Health); // the cut cleared the cutter error
        // 100 ms off + 300 ms boot; timers may fire a fraction of a millisecond early, hence the small tolerance.
        Assert.True(outcome.Duration >= TimeSpan.FromMilliseconds(390), $"off time + boot time elapsed, took {outcome.Duration}");
    }

    [Fact]
    public async Task Fifty_concurrent_restarts_make_one_power_cycle_and_share_one_operation()
    {
        var printer = NewPrinter(bootMs: 200);
        await using var rig = await StartAsync(printer);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => rig.RestartAsync($"tech-{i}"))));

        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Single(outcomes.Select(o => o.OperationId).Distinct());
        Assert.All(outcomes, o => Assert.Equal(RestartResult.Completed, o.Result));
    }

    [Fact]
    public async Task Status_reads_restarting_during_a_restart_without_waiting()
    {
        var printer = NewPrinter(bootMs: 500);
        await using var rig = await StartAsync(printer);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        var restart = rig.RestartAsync();
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Restarting, Within, "restarting");
        Assert.Equal("Restarting", rig.Current.State);
        Assert.False(restart.IsCompleted);

        Assert.Equal(RestartResult.Completed, (await restart).Result);
    }

    [Fact]
    public async Task A_restart_past_the_deadline_times_out_and_the_device_recovers_later()
    {
        var printer = NewPrinter(bootMs: 50);
        printer.Inject("slow_boot"); // next boot takes 5 s more
        await using var rig = await StartAsync(printer, options: DeviceRig.FastOptions(deadline: TimeSpan.FromSeconds(1)));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.TimedOut, outcome.Result);
        Assert.Equal(DeviceHealth.Offline, rig.Current.Health);
        Assert.Contains(rig.Current.Errors, e => e.Code == "restart_timeout");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(10), "recovered after the slow boot");
    }

    [Fact]
    public async Task Without_a_relay_channel_restart_is_a_soft_reset()
    {
        var printer = NewPrinter();
        await using var rig = await StartAsync(printer, withRelay: false);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "printer online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.SoftReset, outcome.Method);
        Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
    }
}
