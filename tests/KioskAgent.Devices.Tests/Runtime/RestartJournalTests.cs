using System.Collections.Concurrent;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Power;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Power;
using KioskAgent.Simulator.Printer;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAgent.Devices.Tests.Runtime;

public sealed class RestartJournalTests
{
    [Fact]
    public async Task Phases_are_recorded_in_order_and_requested_is_durable_before_the_relay_moves()
    {
        var relayEmulator = new KmtronicRelayEmulator(TimeProvider.System);
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        relayEmulator.Wire(1, printer);
        var journal = new RecordingJournal(relayEmulator);
        await using var relay = new KmtronicRelay(new InMemoryLink(relayEmulator, "emulator:relay"), TimeProvider.System, TimeSpan.FromMilliseconds(500));
        var slot = new DeviceSlot("k1", DeviceKind.Printer, PrinterSnapshotUnknown());
        _ = new DeviceRegistry([new KioskDevices("k1", [slot])]);
        using var supervisor = new DeviceSupervisor(slot, new InMemoryLink(printer, "emulator:printer"), new EscPosPrinterProtocol(EscPosPrinterSupervisionTestsFast()),
            new RelayChannel(relay, 1), DeviceRig.FastOptions(), TimeProvider.System, NullLogger<DeviceSupervisor>.Instance, journal);
        await supervisor.StartAsync(CancellationToken.None);

        var outcome = await supervisor.RestartAsync(new RestartRequest("acme", "req-1"), CancellationToken.None);
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal(
            [RestartPhase.Requested, RestartPhase.PowerOff, RestartPhase.PowerOn, RestartPhase.Probing, RestartPhase.Completed],
            journal.Records.Select(r => r.Phase));
        Assert.All(journal.Records, r => Assert.Equal(outcome.OperationId, r.OperationId));
        Assert.True(journal.RelayWasOnWhenRequestedWasRecorded);
        Assert.Equal("acme", journal.Records[0].Request.RequestedBy);
    }

    [Fact]
    public async Task A_failing_journal_does_not_stop_the_restart()
    {
        var printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        var slot = new DeviceSlot("k1", DeviceKind.Printer, PrinterSnapshotUnknown());
        _ = new DeviceRegistry([new KioskDevices("k1", [slot])]);
        using var supervisor = new DeviceSupervisor(slot, new InMemoryLink(printer, "emulator:printer"), new EscPosPrinterProtocol(EscPosPrinterSupervisionTestsFast()),
            null, DeviceRig.FastOptions(), TimeProvider.System, NullLogger<DeviceSupervisor>.Instance, new BrokenJournal());
        await supervisor.StartAsync(CancellationToken.None);

        var outcome = await supervisor.RestartAsync(new RestartRequest("acme", "req-2"), CancellationToken.None);
        await supervisor.StopAsync(CancellationToken.None);

        Assert.Equal(RestartResult.Completed, outcome.Result);
    }

    private static DeviceSnapshot PrinterSnapshotUnknown() => Devices.Printer.PrinterSnapshot.Unknown;

    private static EscPosOptions EscPosPrinterSupervisionTestsFast() => Printer.EscPosPrinterSupervisionTests.Fast;

    private sealed class RecordingJournal(KmtronicRelayEmulator relay) : IRestartJournal
    {
        private readonly ConcurrentQueue<RestartPhaseRecord> _records = new();

        public List<RestartPhaseRecord> Records => [.. _records];

        public bool RelayWasOnWhenRequestedWasRecorded { get; private set; }

        public Task RecordAsync(RestartPhaseRecord record, CancellationToken cancellationToken)
        {
            if (record.Phase == RestartPhase.Requested)
            {
                RelayWasOnWhenRequestedWasRecorded = relay.IsOn(1) && relay.PowerCycles(1) == 0;
            }

            _records.Enqueue(record);
            return Task.CompletedTask;
        }
    }

    private sealed class BrokenJournal : IRestartJournal
    {
        public Task RecordAsync(RestartPhaseRecord record, CancellationToken cancellationToken) =>
            throw new IOException("database is locked");
    }
}
