using System.IO.Ports;
using KioskAgent.Devices;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Simulator;
using KioskAgent.Simulator.BillReader;
using KioskAgent.Simulator.Dispenser;
using KioskAgent.Simulator.Printer;
using KioskAgent.Simulator.Scanner;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.ProofTests.Devices;

/// <summary>Every serial driver in main, with short test timings, its emulator on a socat pty and the agent on the other end.</summary>
public static class PtyDrivers
{
    public static TheoryData<string> Names() => ["printer", "dispenser", "scanner", "tpv", "bill_reader"];

    public static (DeviceKind Kind, IDeviceProtocol Protocol, DeviceEmulator Emulator, StopBits StopBits) Create(string name) => name switch
    {
        "printer" => (DeviceKind.Printer,
            new EscPosPrinterProtocol(new EscPosOptions { PollInterval = TimeSpan.FromMilliseconds(100), ReplyTimeout = TimeSpan.FromMilliseconds(150) }),
            new EscPosPrinterEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50)), StopBits.One),
        "dispenser" => (DeviceKind.Dispenser,
            new K720DispenserProtocol(new K720Options
            {
                PollInterval = TimeSpan.FromMilliseconds(50), AckTimeout = TimeSpan.FromMilliseconds(100), ReplyTimeout = TimeSpan.FromMilliseconds(100),
                Retries = 1, ResetTime = TimeSpan.FromMilliseconds(400),
            }, TimeProvider.System),
            new K720DispenserEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50)), StopBits.One),
        "scanner" => (DeviceKind.Scanner,
            new SsiScannerProtocol(new SsiOptions { PollInterval = TimeSpan.FromMilliseconds(250), ScanPollInterval = TimeSpan.FromMilliseconds(20), ReplyTimeout = TimeSpan.FromMilliseconds(50), Retries = 1 }),
            new SsiScannerEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50)), StopBits.One),
        "tpv" => (DeviceKind.Tpv,
            new ZvtTerminalProtocol(new ZvtOptions { PollInterval = TimeSpan.FromSeconds(0.2), AckTimeout = TimeSpan.FromSeconds(0.5), AcceptTimeout = TimeSpan.FromSeconds(1), CompletionTimeout = TimeSpan.FromSeconds(2) }),
            new ZvtTerminalEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50)), StopBits.Two),
        "bill_reader" => (DeviceKind.BillReader,
            new SspBillReaderProtocol(new SspOptions { PollInterval = TimeSpan.FromMilliseconds(100), ReplyTimeout = TimeSpan.FromMilliseconds(200), Retries = 2 }),
            new SspBillReaderEmulator(TimeProvider.System, TimeSpan.FromMilliseconds(50)), StopBits.Two),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a driver"),
    };

    /// <summary>The driver under its supervisor over a fresh pty pair; the link counts its opens.</summary>
    public static async Task<(DeviceRig Rig, SerialDeviceEnd Device, CountingLink Link)> StartAsync(string name)
    {
        var (kind, protocol, emulator, stopBits) = Create(name);
        var pair = PtyPair.Create();
        var device = new SerialDeviceEnd(pair, emulator, 9600, Parity.None, stopBits);
        var link = new CountingLink(SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = pair.AgentPath, BaudRate = 9600, StopBits = stopBits }));
        var rig = await DeviceRig.StartAsync(kind, protocol, emulator, link);
        return (rig, device, link);
    }
}

/// <summary>A link that counts how often the supervisor opened it: one open per connection attempt.</summary>
public sealed class CountingLink(IDeviceLink inner) : IDeviceLink
{
    private int _opens;

    public int Opens => Volatile.Read(ref _opens);

    public string Description => inner.Description;

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opens);
        return inner.OpenAsync(cancellationToken);
    }
}
