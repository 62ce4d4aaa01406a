using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>The ZVT driver under its supervisor, against the emulated terminal and relay, in process.</summary>
public sealed class ZvtTerminalSupervisionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    internal static ZvtOptions Fast => new()
    {
        PollInterval = TimeSpan.FromSeconds(0.2), AckTimeout = TimeSpan.FromSeconds(0.5), AcceptTimeout = TimeSpan.FromSeconds(1), CompletionTimeout = TimeSpan.FromSeconds(2),
    };

    private static readonly ZvtControlField[] StatusPathCommands =
        [ZvtControlField.StatusEnquiry, ZvtControlField.Registration, ZvtControlField.Abort, ZvtControlField.LogOff];

    internal static ZvtTerminalEmulator NewTerminal(int bootMs = 50) => new(TimeProvider.System, TimeSpan.FromMilliseconds(bootMs));

    private static Task<DeviceRig> StartAsync(ZvtTerminalEmulator terminal, bool withRelay = true, ZvtOptions? options = null) =>
        DeviceRig.StartAsync(DeviceKind.Tpv, new ZvtTerminalProtocol(options ?? Fast), terminal, withRelay: withRelay);

    private static Task ReadyAsync(DeviceRig rig) =>
        rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "terminal ready");

    [Fact]
    public async Task A_healthy_terminal_reads_ready_with_its_detail()
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);

        var snapshot = Assert.IsType<TpvSnapshot>(rig.Current);
        Assert.Equal("Ready", snapshot.State);
        Assert.Equal("PT ready", snapshot.TerminalStatus);
        Assert.Equal("00", snapshot.TerminalStatusCode);
        Assert.Equal("52001234", snapshot.TerminalId);
        Assert.Equal("EMU-ZVT 1.0", snapshot.SoftwareVersion);
        Assert.False(snapshot.Busy || snapshot.NeedsRegistration || snapshot.NeedsInitialisation);
        Assert.Equal("ZVT", snapshot.Connection.Protocol);
        Assert.Equal("connected", snapshot.Connection.Status);
        Assert.NotNull(snapshot.ObservedAt);
        Assert.True(terminal.IsRegistered); // registered on connect, as an ECR does
    }

    [Fact]
    public async Task The_status_path_never_starts_a_transaction_and_does_not_flood_the_terminal()
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);
        int Enquiries() => terminal.CommandsReceived.Count(c => c == ZvtControlField.StatusEnquiry);
        var before = Enquiries();

        // Five more enquiries must come (the supervisor keeps polling), and no faster than one per 0.2 s interval
        // (at least four whole intervals, 800 ms, less timer slack):
        // a delay on a loaded machine only stretches the time, so the lower bound holds however slow CI is.
        var elapsed = await Eventually.TrueAsync(() => Enquiries() - before >= 5, TimeSpan.FromSeconds(10), "five more status enquiries");
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(750), $"five enquiries came in {elapsed.TotalMilliseconds:0} ms: back to back, not one per interval");
        Assert.All(terminal.CommandsReceived, c => Assert.Contains(c, StatusPathCommands));
    }

    [Theory]
    [InlineData("error", "Error", "card_reader_defective", RecoveryAction.Maintenance, "E2")]
    [InlineData("error:C2", "Error", "diagnosis_required", RecoveryAction.Reset, "C2")]
    [InlineData("needs_initialisation", "Error", "initialisation_required", RecoveryAction.Maintenance, "51")]
    [InlineData("needs_registration", "Error", "not_registered", RecoveryAction.Reset, "6B")]
    public async Task Each_terminal_fault_shows_with_its_code_and_action_and_clears(string fault, string state, string code, RecoveryAction action, string hex)
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);

        Assert.True(terminal.Inject(fault));
        await rig.WaitForAsync(s => s.State == state && s.Errors.Any(e => e.Code == code), Within, fault);

        var snapshot = Assert.IsType<TpvSnapshot>(rig.Current);
        Assert.Equal(action, Assert.Single(snapshot.Errors).Action);
        Assert.Equal(hex, snapshot.LastErrorCode);
        Assert.NotNull(snapshot.LastErrorText);
        Assert.Equal(fault == "needs_registration", snapshot.NeedsRegistration);
        Assert.Equal(fault == "needs_initialisation", snapshot.NeedsInitialisation);
        Assert.Equal("connected", snapshot.Connection.Status); // it answered: not offline

        terminal.Inject("clear_error");
        terminal.Inject("initialised");
        terminal.Inject("registered");
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy && s.Errors.Count == 0, Within, "terminal ready again");
        Assert.Equal(hex, ((TpvSnapshot)rig.Current).LastErrorCode); // the last error is remembered
    }

    [Fact]
    public async Task A_busy_terminal_reads_busy_through_intermediate_status_and_back()
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);

        terminal.Inject("busy");
        await rig.WaitForAsync(s => s.State == "Busy", Within, "busy");
        var snapshot = Assert.IsType<TpvSnapshot>(rig.Current);
        Assert.True(snapshot.Busy);
        Assert.Empty(snapshot.Errors);
        Assert.Equal("9C", snapshot.TerminalStatusCode);

        terminal.Inject("idle");
        await ReadyAsync(rig);
    }

    [Fact]
    public async Task Status_print_and_intermediate_messages_are_acknowledged_and_the_terminal_stays_ready()
    {
        var terminal = NewTerminal();
        terminal.Inject("chatty");
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);
        var polls = terminal.CommandsReceived.Count;

        await rig.WaitForAsync(_ => terminal.CommandsReceived.Count >= polls + 3, Within, "three more polls");
        Assert.Equal(DeviceHealth.Healthy, rig.Current.Health);
    }

    [Theory]
    [InlineData("silence", "no_answer")]
    [InlineData("garbage", null)]
    [InlineData("nak_storm", "nak_limit")]
    [InlineData("bad_crc", "crc_error")]
    [InlineData("no_acceptance", "no_answer")]
    [InlineData("unexpected_apdu", "unexpected_apdu")]
    public async Task Link_faults_make_it_offline_with_the_reason_then_it_recovers(string fault, string? code)
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal);
        await ReadyAsync(rig);

        Assert.True(terminal.Inject(fault));
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline && (code is null || s.Errors.Any(e => e.Code == code)), Within, $"{fault} → offline");
        Assert.Equal("Offline", rig.Current.State);
        Assert.Equal("disconnected", rig.Current.Connection.Status);
        Assert.All(rig.Current.Errors, e => Assert.Equal(RecoveryAction.Reset, e.Action));
        Assert.NotNull(rig.Current.ObservedAt);

        terminal.Inject("none");
        terminal.Inject("behave");
        await ReadyAsync(rig);
    }

    [Fact]
    public async Task Restart_power_cycles_through_the_relay_and_the_terminal_is_registered_again()
    {
        var terminal = NewTerminal(bootMs: 300);
        terminal.Inject("error");
        await using var rig = await StartAsync(terminal);
        await rig.WaitForAsync(s => s.Errors.Any(e => e.Code == "card_reader_defective"), Within, "error seen");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.PowerCycle, outcome.Method);
        Assert.Equal(1, rig.Relay.PowerCycles(DeviceRig.Channel));
        Assert.Equal("Ready", outcome.Snapshot.State); // the cut cleared the error; power-up lost the registration
        Assert.True(terminal.IsRegistered);
        // Off time + boot time; timers may fire a fraction of a millisecond early, hence the small tolerance.
        Assert.True(outcome.Duration >= TimeSpan.FromMilliseconds(390), $"off time + boot time elapsed, took {outcome.Duration}");
    }

    [Fact]
    public async Task A_registration_lost_to_the_booting_terminal_does_not_cost_an_ack_timeout()
    {
        // A 3 s ACK timeout: a Registration sent while the terminal boots would wait all of it without quick probes.
        var terminal = NewTerminal(bootMs: 600);
        var options = Fast;
        (options.AckTimeout, options.AcceptTimeout) = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
        await using var rig = await StartAsync(terminal, options: options);
        await ReadyAsync(rig);

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        var overhead = outcome.Duration - DeviceRig.FastOptions().PowerOffTime - TimeSpan.FromMilliseconds(600);
        Assert.True(overhead < TimeSpan.FromSeconds(2), $"overhead {overhead.TotalMilliseconds:0} ms (a lost Registration would wait 3 s for its ACK)");
        Assert.True(terminal.IsRegistered);
    }

    [Fact]
    public async Task Without_a_relay_restart_is_abort_then_log_off_and_clears_a_stuck_terminal()
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal, withRelay: false);
        await ReadyAsync(rig);
        terminal.Inject("busy");
        await rig.WaitForAsync(s => s.State == "Busy", Within, "busy");

        var outcome = await rig.RestartAsync();

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(RestartMethod.SoftReset, outcome.Method);
        Assert.Equal("Ready", outcome.Snapshot.State);
        Assert.Equal(0, rig.Relay.PowerCycles(DeviceRig.Channel));
        var commands = terminal.CommandsReceived;
        var abort = commands.ToList().LastIndexOf(ZvtControlField.Abort);
        Assert.True(abort >= 0);
        Assert.Equal([ZvtControlField.Abort, ZvtControlField.LogOff, ZvtControlField.Registration], commands.Skip(abort).Take(3));
    }

    [Fact]
    public async Task A_terminal_that_lost_its_registration_is_registered_again_by_a_restart()
    {
        var terminal = NewTerminal();
        await using var rig = await StartAsync(terminal, withRelay: false);
        await ReadyAsync(rig);
        terminal.Inject("needs_registration");
        await rig.WaitForAsync(s => s is TpvSnapshot { NeedsRegistration: true }, Within, "needs registration");

        var outcome = await rig.RestartAsync();

        Assert.Equal("Ready", outcome.Snapshot.State);
        Assert.True(terminal.IsRegistered);
    }

    [Fact]
    public async Task Without_registration_on_connect_a_lost_registration_needs_maintenance()
    {
        var terminal = NewTerminal();
        var options = Fast;
        options.RegisterOnConnect = false;
        await using var rig = await StartAsync(terminal, options: options);

        await rig.WaitForAsync(s => s is TpvSnapshot { NeedsRegistration: true }, Within, "needs registration");

        Assert.Equal(RecoveryAction.Maintenance, Assert.Single(rig.Current.Errors).Action);
        Assert.DoesNotContain(ZvtControlField.Registration, terminal.CommandsReceived);
    }

    [Fact]
    public async Task Unknown_fault_names_are_refused()
    {
        var terminal = NewTerminal();
        Assert.False(terminal.Inject("error:00"));
        Assert.False(terminal.Inject("error:XYZ"));
        Assert.False(terminal.Inject("on_fire"));
        Assert.Contains("nak_storm", terminal.FaultNames);
        Assert.Contains("silence", terminal.FaultNames);
        await Task.CompletedTask;
    }
}
