using KioskAgent.Kiosk.Modules;

namespace KioskAgent.Kiosk;

/// <summary>Every device kind the agent can drive. One line per device.</summary>
public static class DeviceModules
{
    public static readonly IReadOnlyList<IDeviceModule> All =
    [
        new PrinterModule(),
        new DispenserModule(),
        new ScannerModule(),
        new TpvModule(),
        new BillReaderModule(),
    ];
}
