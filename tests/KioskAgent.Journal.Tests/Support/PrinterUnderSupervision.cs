using KioskAgent.Devices;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Power;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator.Power;
using KioskAgent.Simulator.Printer;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAgent.Journal.Tests.Support;

/// <summary>The emulated ESC/POS printer on relay channel 1, under its real supervisor, with a journal of the test's choosing.</summary>
public sealed class PrinterUnderSupervision : IAsyncDisposable
{
    private readonly KmtronicRelay _relay;

    private PrinterUnderSupervision(IRestartJournal? journal)
    {
        Printer = new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50));
        RelayBoard = new KmtronicRelayEmulator(TimeProvider.System);
        RelayBoard.Wire(1, Printer);
        _relay = new KmtronicRelay(new InMemoryLink(RelayBoard, "emulator:relay"), TimeProvider.System, TimeSpan.FromMilliseconds(500));
        Slot = new DeviceSlot("kiosk-1", DeviceKind.Printer, PrinterSnapshot.Unknown);
        Registry = new DeviceRegistry([new KioskDevices("kiosk-1", [Slot])]);
        Supervisor = new DeviceSupervisor(
            Slot,
            new InMemoryLink(Printer, "emulator:printer"),
            new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(50), ReplyTimeout = TimeSpan.FromMilliseconds(200) }),
            new RelayChannel(_relay, 1),
            new SupervisorOptions
            {
                ReconnectDelay = TimeSpan.FromMilliseconds(50),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
                PowerOffTime = TimeSpan.FromMilliseconds(100),
                RestartProbeInterval = TimeSpan.FromMilliseconds(20),
                RestartDeadline = TimeSpan.FromSeconds(5),
            },
            TimeProvider.System,
            NullLogger<DeviceSupervisor>.Instance,
            journal);
    }

    public EscPosPrinterEmulator Printer { get; }

    public KmtronicRelayEmulator RelayBoard { get; }

    public DeviceSlot Slot { get; }

    public DeviceRegistry Registry { get; }

    public DeviceSupervisor Supervisor { get; }

    /// <summary>Built but not started: subscribe to <see cref="Registry"/> first, then <see cref="StartAsync"/>.</summary>
    public static PrinterUnderSupervision Create(IRestartJournal? journal) => new(journal);

    public Task StartAsync() => Supervisor.StartAsync(CancellationToken.None);

    public Task WaitForAsync(DeviceHealth health, string what) => Eventually.TrueAsync(() => Slot.Current.Health == health, what);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.StopAsync(CancellationToken.None);
        Supervisor.Dispose();
        await _relay.DisposeAsync();
    }
}
