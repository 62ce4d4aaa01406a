using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Tests.Support;

namespace KioskAgent.Journal.Tests.Recording;

public sealed class RestartRecordingTests
{
    [Fact]
    public async Task A_power_cycle_is_recorded_phase_by_phase_with_durations_and_outcome()
    {
        await using var rig = new JournalRig();
        await using var printer = PrinterUnderSupervision.Create(rig.Journal);
        await printer.StartAsync();
        await printer.WaitForAsync(DeviceHealth.Healthy, "printer online");

        var outcome = await printer.Supervisor.RestartAsync(new RestartRequest("acme-backend", "4bf92f3577b34da6a3ce929d0e0e4736"), CancellationToken.None);

        Assert.Equal(RestartResult.Completed, outcome.Result);
        var operation = rig.Journal.FindOperation(outcome.OperationId);
        Assert.NotNull(operation);
        Assert.Equal(("kiosk-1", "printer", RestartMethod.PowerCycle), (operation.KioskId, operation.Device, operation.Method));
        Assert.Equal(("acme-backend", "4bf92f3577b34da6a3ce929d0e0e4736"), (operation.Integrator, operation.RequestId));
        Assert.Equal(RestartPhase.Completed, operation.Outcome);
        Assert.Equal(
            [RestartPhase.Requested, RestartPhase.PowerOff, RestartPhase.PowerOn, RestartPhase.Probing, RestartPhase.Completed],
            operation.Phases.Select(p => p.Phase));
        Assert.All(operation.Phases.SkipLast(1), p => Assert.True(p.DurationMs >= 0));
        Assert.Null(operation.Phases[^1].DurationMs);
        // Configured 100 ms; stored times are whole milliseconds and timers may fire a little early against the wall clock.
        Assert.True(operation.Phases[1].DurationMs >= 90, $"power off lasted {operation.Phases[1].DurationMs} ms, configured 100 ms");
        Assert.Equal((long)(operation.FinishedAt!.Value - operation.RequestedAt).TotalMilliseconds, operation.DurationMs);

        var entries = rig.Journal.Query(new EventQuery { Type = EntryType.Restart }).Entries.Reverse().ToArray();
        Assert.Equal(operation.Phases.Select(p => p.EntryId), entries.Select(e => e.Id));
        var requested = Assert.IsType<RestartDetail>(entries[0].Detail);
        Assert.Equal((outcome.OperationId, RestartPhase.Requested, "acme-backend", 0L), (requested.OperationId, requested.Phase, requested.Integrator, requested.ElapsedMs));
    }

    [Fact]
    public async Task Requested_is_on_disk_before_the_relay_moves()
    {
        await using var rig = new JournalRig();
        var witness = new RelayWitness(rig);
        await using var printer = PrinterUnderSupervision.Create(witness);
        witness.Printer = printer;
        await printer.StartAsync();
        await printer.WaitForAsync(DeviceHealth.Healthy, "printer online");

        await printer.Supervisor.RestartAsync(new RestartRequest("acme-backend", "req-1"), CancellationToken.None);

        Assert.True(witness.RequestedReadBackWhileRelayUntouched);
    }

    [Fact]
    public async Task A_phase_recorded_twice_is_kept_once()
    {
        await using var rig = new JournalRig();
        var operation = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;

        Assert.True(await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(operation, RestartPhase.Requested, at), CancellationToken.None));
        Assert.True(await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(operation, RestartPhase.Requested, at), CancellationToken.None));

        Assert.Single(rig.Journal.FindOperation(operation)!.Phases);
        Assert.Single(rig.Journal.Query(new EventQuery()).Entries);
    }

    [Fact]
    public async Task Restarts_left_without_an_outcome_are_marked_interrupted_once_on_the_next_start()
    {
        await using var rig = new JournalRig();
        var at = DateTimeOffset.UtcNow;
        var midway = Guid.NewGuid();
        var finished = Guid.NewGuid();
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(midway, RestartPhase.Requested, at), CancellationToken.None);
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(midway, RestartPhase.PowerOff, at.AddMilliseconds(5)), CancellationToken.None);
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(finished, RestartPhase.Requested, at), CancellationToken.None);
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(finished, RestartPhase.Failed, at.AddMilliseconds(9)), CancellationToken.None);

        await rig.ReopenAsync();
        await rig.ReopenAsync();

        var interrupted = rig.Journal.FindOperation(midway)!;
        Assert.Equal(RestartPhase.Interrupted, interrupted.Outcome);
        Assert.Equal([RestartPhase.Requested, RestartPhase.PowerOff, RestartPhase.Interrupted], interrupted.Phases.Select(p => p.Phase));
        Assert.Contains("last phase recorded: power_off", interrupted.Phases[^1].Detail);
        Assert.Equal(RestartPhase.Failed, rig.Journal.FindOperation(finished)!.Outcome);
        var marks = rig.Journal.Query(new EventQuery { Type = EntryType.Restart }).Entries
            .Select(e => (RestartDetail)e.Detail).Where(d => d.Phase == RestartPhase.Interrupted).ToArray();
        var mark = Assert.Single(marks);
        Assert.Equal(midway, mark.OperationId);
        Assert.Single(rig.Logs.GetSnapshot(), r => r.Message.Contains("marked interrupted", StringComparison.Ordinal));
    }

    /// <summary>Reads the journal back when 'requested' is recorded, and looks at the relay at that moment.</summary>
    private sealed class RelayWitness(JournalRig rig) : IRestartJournal
    {
        public PrinterUnderSupervision? Printer { get; set; }

        public bool RequestedReadBackWhileRelayUntouched { get; private set; }

        public async Task RecordAsync(RestartPhaseRecord record, CancellationToken cancellationToken)
        {
            await rig.Journal.RecordAsync(record, cancellationToken);
            if (record.Phase == RestartPhase.Requested)
            {
                // A separate connection: what another process would find on disk if the agent died now.
                using var connection = JournalRig.Connect(rig.DatabasePath);
                var onDisk = KioskAgent.Journal.Store.JournalDatabase.Scalar(connection, $"SELECT COUNT(*) FROM restart_phases WHERE operation_id = '{record.OperationId:D}' AND phase = 'requested';");
                RequestedReadBackWhileRelayUntouched = onDisk == "1" && Printer!.RelayBoard.IsOn(1) && Printer.RelayBoard.PowerCycles(1) == 0;
            }
        }
    }
}
