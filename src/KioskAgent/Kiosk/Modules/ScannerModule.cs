using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Kiosk.Modules;

/// <summary><c>Kiosks:N:Scanner</c>: a Zebra decoder over SSI (no reset command: restarts need <c>RelayChannel</c>).</summary>
public sealed class ScannerOptions : DeviceOptions
{
    public SsiOptions Ssi { get; set; } = new();
}

public sealed class ScannerModule : DeviceModule<ScannerOptions>
{
    public override DeviceKind Kind => DeviceKind.Scanner;

    protected override void Read(IConfigurationSection section, ScannerOptions options) => section.Bind(options);

    protected override IEnumerable<string> Validate(ScannerOptions options, string prefix) => options.Ssi.Validate($"{prefix}:Ssi");

    protected override IDeviceProtocol CreateProtocol(ScannerOptions options, TimeProvider time) => new SsiScannerProtocol(options.Ssi);

    protected override DeviceEmulator CreateEmulator(ScannerOptions options, TimeProvider time) =>
        new SsiScannerEmulator(time, options.EmulatorBootTime);
}
