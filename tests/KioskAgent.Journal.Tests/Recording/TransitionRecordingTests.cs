using KioskAgent.Devices;
using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;

namespace KioskAgent.Journal.Tests.Recording;

public sealed class TransitionRecordingTests
{
    private static readonly DeviceError NearEnd = new("paper_near_end", "Paper is near its end.", RecoveryAction.Clear);
    private static readonly DeviceError PaperOut = new("paper_out", "Paper is out.", RecoveryAction.Clear);
    private static readonly DeviceError CoverOpen = new("cover_open", "The cover is open.", RecoveryAction.Clear);

    [Fact]
    public async Task Each_transition_is_recorded_once_with_its_reasons_and_what_cleared()
    {
        await using var rig = new JournalRig();
        var slot = new DeviceSlot("kiosk-1", DeviceKind.Printer, PrinterSnapshot.Unknown);
        var registry = new DeviceRegistry([new KioskDevices("kiosk-1", [slot])]);
        using var recording = rig.Journal.RecordTransitionsOf(registry);
        await rig.StartWorkerAsync();
        var answeredAt = DateTimeOffset.Parse("2026-03-01T09:00:00Z");
        var online = PrinterSnapshot.Unknown with { Health = DeviceHealth.Healthy, ObservedAt = answeredAt };

        slot.Publish(online);                                                              // Offline → Online
        slot.Publish(online with { ObservedAt = answeredAt.AddSeconds(1) });               // a poll, no change
        slot.Publish(online with { Health = DeviceHealth.Warning, Errors = [NearEnd] });   // Online → Warning
        slot.Publish(online with { Health = DeviceHealth.Error, Errors = [PaperOut, CoverOpen] });
        slot.Publish(online with { Health = DeviceHealth.Error, Errors = [PaperOut, CoverOpen] }); // same codes again
        slot.Publish(online with { Health = DeviceHealth.Error, Errors = [PaperOut] });    // still Error, cover closed
        slot.Publish(online);                                                              // Error → Online
        await rig.StopWorkerAsync();

        var entries = rig.Journal.Query(new EventQuery()).Entries.Reverse().ToArray();
        Assert.All(entries, e => Assert.Equal((EntryType.Transition, "kiosk-1", "printer"), (e.Type, e.KioskId, e.Device)));
        var transitions = entries.Select(e => Assert.IsType<TransitionDetail>(e.Detail)).ToArray();
        Assert.Equal(
            [("Offline", "Online"), ("Online", "Warning"), ("Warning", "Error"), ("Error", "Error"), ("Error", "Online")],
            transitions.Select(t => (t.From, t.To)));
        string[][] reasons = [[], ["paper_near_end"], ["paper_out", "cover_open"], ["paper_out"], []];
        string[][] cleared = [[], [], ["paper_near_end"], ["cover_open"], ["paper_out"]];
        Assert.Equal(reasons, transitions.Select(t => t.Reasons.Select(r => r.Code).ToArray()));
        Assert.Equal(cleared, transitions.Select(t => t.Cleared.ToArray()));
        Assert.Equal(PaperOut, transitions[2].Reasons[0]);
        Assert.Equal(answeredAt, transitions[1].ObservedAt);
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Fact]
    public async Task A_real_printer_running_out_of_paper_is_recorded_exactly_once()
    {
        await using var rig = new JournalRig();
        await using var printer = PrinterUnderSupervision.Create(rig.Journal);
        using var recording = rig.Journal.RecordTransitionsOf(printer.Registry);
        var raised = new System.Collections.Concurrent.ConcurrentQueue<(string From, string To, string Codes)>();
        printer.Registry.Transition += (_, previous, current) => raised.Enqueue((previous.State, current.State, string.Join(',', current.Errors.Select(e => e.Code))));
        await rig.StartWorkerAsync();
        await printer.StartAsync();
        await printer.WaitForAsync(DeviceHealth.Healthy, "printer online");

        printer.Printer.Inject("paper_out");
        await printer.WaitForAsync(DeviceHealth.Error, "printer out of paper");
        await Task.Delay(300); // several more polls of the same condition
        printer.Printer.Inject("paper_ok");
        await printer.WaitForAsync(DeviceHealth.Healthy, "printer back online");
        await rig.StopWorkerAsync();

        // Every transition the registry raised is in the journal once, in order, with its reasons; polls of an
        // unchanged condition raise none. (A loaded machine may add an Offline in between: still once each.)
        var transitions = rig.Journal.Query(new EventQuery { Type = EntryType.Transition }).Entries
            .Select(e => Assert.IsType<TransitionDetail>(e.Detail)).Reverse().ToArray();
        Assert.Equal(raised, transitions.Select(t => (t.From, t.To, string.Join(',', t.Reasons.Select(r => r.Code)))));
        var paperOut = transitions.First(t => t.Reasons.Any(r => r.Code == "paper_out"));
        Assert.Equal("Error", paperOut.To);
        Assert.NotNull(paperOut.ObservedAt);
        Assert.Contains(transitions, t => t.Cleared.Contains("paper_out"));
        Assert.Equal("Online", transitions[^1].To);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_counts_them_and_never_blocks_the_publisher()
    {
        var options = JournalRig.FastOptions();
        options.QueueCapacity = 4;
        await using var rig = new JournalRig(options);
        var slot = new DeviceSlot("kiosk-1", DeviceKind.Printer, PrinterSnapshot.Unknown);
        var registry = new DeviceRegistry([new KioskDevices("kiosk-1", [slot])]);
        using var recording = rig.Journal.RecordTransitionsOf(registry);

        // No worker yet: nothing drains the queue, and publishing must still return at once.
        var codes = Enumerable.Range(1, 10).Select(i => $"fault_{i}").ToArray();
        var published = Task.Run(() =>
        {
            foreach (var code in codes)
            {
                slot.Publish(PrinterSnapshot.Unknown with { Health = DeviceHealth.Error, Errors = [new DeviceError(code, code, RecoveryAction.Reset)] });
            }
        });
        Assert.Same(published, await Task.WhenAny(published, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal(6, rig.Journal.Health.DroppedEntries);

        await rig.StartWorkerAsync();
        await rig.StopWorkerAsync();

        var recorded = rig.Journal.Query(new EventQuery()).Entries.Reverse()
            .Select(e => Assert.IsType<TransitionDetail>(e.Detail).Reasons.Single().Code);
        Assert.Equal(codes[6..], recorded);
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Message.Contains("6 oldest entries dropped", StringComparison.Ordinal));
    }
}
