using KioskAgent.Devices;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Printer;

namespace KioskAgent.Kiosk.Modules;

/// <summary><c>Kiosks:N:Printer</c>: an ESC/POS receipt printer.</summary>
public sealed class PrinterOptions : DeviceOptions
{
    public EscPosOptions EscPos { get; set; } = new();
}

public sealed class PrinterModule : DeviceModule<PrinterOptions>
{
    public override DeviceKind Kind => DeviceKind.Printer;

    protected override void Read(IConfigurationSection section, PrinterOptions options) => section.Bind(options);

    protected override IEnumerable<string> Validate(PrinterOptions options, string prefix) => options.EscPos.Validate($"{prefix}:EscPos");

    protected override IDeviceProtocol CreateProtocol(PrinterOptions options, TimeProvider time) => new EscPosPrinterProtocol(options.EscPos);

    protected override DeviceEmulator CreateEmulator(PrinterOptions options, TimeProvider time) =>
        new EscPosPrinterEmulator(time, options.EmulatorBootTime);
}
