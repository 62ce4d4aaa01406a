using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>The SSI driver under its supervisor, against the emulated decoder and relay, in process.</summary>
public sealed class SsiScannerSupervisionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    internal static SsiOptions Fast => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(250),
        ScanPollInterval = TimeSpan.FromMilliseconds(20),
        ReplyTimeout = TimeSpan.FromMilliseconds(50),
        Retries = 1,
    };

    internal static SsiScannerEmulator NewScanner(int bootMs = 50) => new(TimeProvider.System, TimeSpan.FromMilliseconds(bootMs));

    private static Task<DeviceRig> StartAsync(SsiScannerEmulator scanner, bool withRelay = true, SsiScannerProtocol? protocol = null) =>
        DeviceRig.StartAsync(DeviceKind.Scanner, protocol ?? new SsiScannerProtocol(Fast), scanner, withRelay: withRelay);

    private static ScannerSnapshot Scanner(DeviceRig rig) => Assert.IsType<ScannerSnapshot>(rig.Current);

    [Fact]
    public async Task A_healthy_scanner_reads_online_with_its_revision_and_scanning_disabled()
    {
        var scanner = NewScanner();
        Assert.True(scanner.ScanEnabled); // decoders power up scan-enabled
        await using var rig = await StartAsync(scanner);

        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        var snapshot = Scanner(rig);
        Assert.Equal("Online", snapshot.State);
        Assert.Equal(SsiScannerEmulator.DefaultRevision, snapshot.Revision);
        Assert.Equal("PAABLS00-005-R04", snapshot.Firmware);
        Assert.False(snapshot.ScanEnabled);
        Assert.False(scanner.ScanEnabled); // SCAN_DISABLE went out on connect
        Assert.Null(snapshot.LastNakReason);
        Assert.Empty(snapshot.Errors);
        Assert.Equal(("connected", "SSI"), (snapshot.Connection.Status, snapshot.Connection.Protocol));
        Assert.NotNull(snapshot.ObservedAt);
    }

    [Theory]
    [InlineData("nak_resend", "frames_corrupted", RecoveryAction.Maintenance, ScannerRefusal.Resend)]
    [InlineData("nak_bad_context", "command_out_of_context", RecoveryAction.Reset, ScannerRefusal.BadContext)]
    [InlineData("nak_denied", "command_denied", RecoveryAction.Maintenance, ScannerRefusal.Denied)]
    public async Task A_nak_that_outlasts_retransmission_is_an_error_with_its_action_and_clears(
        string fault, string code, RecoveryAction action, ScannerRefusal reason)
    {
        var scanner = NewScanner();
        await using var rig = await StartAsync(scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        Assert.True(scanner.Inject(fault));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Error && s.Errors.Any(e => e.Code == code), Within, fault);

        var snapshot = Scanner(rig);
        Assert.Equal(action, Assert.Single(snapshot.Errors).Action);
        Assert.Equal(reason, snapshot.LastNakReason);
        Assert.Equal(SsiScannerEmulator.DefaultRevision, snapshot.Revision); // still known from before
        Assert.Equal("connected", snapshot.Connection.Status); // it answers: not Offline

        scanner.Inject("naks_off");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy && s.Errors.Count == 0, Within, "scanner recovered");
    }

    [Fact]
    public async Task One_nak_resend_is_cured_by_a_retransmission_and_remembered()
    {
        var scanner = NewScanner();
        await using var rig = await StartAsync(scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        scanner.Inject("nak_once");
        await rig.WaitForAsync(s => s is ScannerSnapshot { LastNakReason: ScannerRefusal.Resend }, Within, "resend seen");

        Assert.Equal(DeviceHealth.Healthy, rig.Current.Health);
        Assert.Empty(rig.Current.Errors);
    }

    [Fact]
    public async Task A_refused_scan_disable_at_connect_is_a_warning_that_scanning_may_be_on()
    {
        var scanner = NewScanner();
        scanner.Inject("nak_denied");
        await using var rig = await StartAsync(scanner);

        await rig.WaitForAsync(s => s.Errors.Any(e => e.Code == "scan_disable_refused"), Within, "disable refused");

        Assert.True(Scanner(rig).ScanEnabled);
        Assert.Contains(rig.Current.Errors, e => e.Code == "command_denied");
        Assert.Equal(DeviceHealth.Error, rig.Current.Health);
    }

    [Fact]
    public async Task Silence_reads_offline_within_two_probe_intervals_and_recovers()
    {
        var scanner = NewScanner();
        await using var rig = await StartAsync(scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        scanner.Inject("silence");
        var took = await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "silence → offline");

        // Two probe intervals, plus a margin for a shared 2-core machine.
        Assert.True(took < 2 * Fast.PollInterval + TimeSpan.FromMilliseconds(300), $"offline after {took.TotalMilliseconds:0} ms");
        var error = Assert.Single(rig.Current.Errors);
        Assert.Equal(("no_answer", RecoveryAction.Reset), (error.Code, error.Action));
        Assert.Contains("REQUEST_REVISION", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(rig.Current.ObservedAt);

        scanner.Inject("none");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "back online");
    }

    [Fact]
    public async Task Garbage_reads_offline_then_recovers()
    {
        var scanner = NewScanner();
        await using var rig = await StartAsync(scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        scanner.Inject("garbage");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline && s.Connection.Status == "disconnected", Within, "garbage → offline");

        scanner.Inject("none");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "back online");
    }

    [Fact]
    public async Task Restart_of_a_silent_scanner_power_cycles_it_back_online_once()
    {
        var scanner = NewScanner(bootMs: 300);
        await using var rig = await StartAsync(scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");
        scanner.Inject("silence");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.PowerCycle, outcome.Method);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Equal("Online", outcome.Snapshot.State);
        // 100 ms off + 300 ms boot; timers may fire a fraction of a millisecond early, hence the small tolerance.
        Assert.True(outcome.Duration >= TimeSpan.FromMilliseconds(390), $"off time + boot time elapsed, took {outcome.Duration}");
        Assert.False(scanner.ScanEnabled); // powered up enabled, disabled again on connect
    }

    [Fact]
    public async Task Without_a_relay_restart_is_not_supported_and_says_a_power_relay_is_required()
    {
        var scanner = NewScanner();
        await using var rig = await StartAsync(scanner, withRelay: false);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.NotSupported, outcome.Result);
        Assert.Contains("power relay", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("SSI", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Equal(DeviceHealth.Healthy, rig.Current.Health); // nothing was interrupted
    }

    [Fact]
    public async Task Soft_reset_is_refused_by_the_driver_itself()
    {
        var protocol = new SsiScannerProtocol(Fast);

        Assert.False(protocol.HasSoftReset);
        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => protocol.SoftResetAsync(null!, CancellationToken.None));
        Assert.Contains("power relay", ex.Message, StringComparison.Ordinal);
    }
}
