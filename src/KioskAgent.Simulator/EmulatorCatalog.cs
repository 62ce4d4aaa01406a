using KioskAgent.Simulator.BillReader;
using KioskAgent.Simulator.Dispenser;
using KioskAgent.Simulator.Power;
using KioskAgent.Simulator.Printer;
using KioskAgent.Simulator.Scanner;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.Simulator;

/// <summary>The emulators by the name the simulator console takes (<c>printer</c>, <c>relay</c>...).</summary>
public static class EmulatorCatalog
{
    private static readonly Dictionary<string, Func<TimeProvider, TimeSpan, DeviceEmulator>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["printer"] = (time, boot) => new EscPosPrinterEmulator(time, boot),
        ["dispenser"] = (time, boot) => new K720DispenserEmulator(time, boot),
        ["relay"] = (time, _) => new KmtronicRelayEmulator(time),
        ["scanner"] = (time, boot) => new SsiScannerEmulator(time, boot),
        ["tpv"] = (time, boot) => new ZvtTerminalEmulator(time, boot),
        ["bill-reader"] = (time, boot) => new SspBillReaderEmulator(time, boot),
    };

    public static IEnumerable<string> Names => Factories.Keys.Order();

    public static bool TryCreate(string name, TimeProvider time, TimeSpan bootTime, out DeviceEmulator emulator)
    {
        if (Factories.TryGetValue(name, out var factory))
        {
            emulator = factory(time, bootTime);
            return true;
        }

        emulator = null!;
        return false;
    }
}
