using KioskAgent.Devices;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;
using KioskAgent.Simulator.BillReader;

namespace KioskAgent.Kiosk.Modules;

/// <summary><c>Kiosks:N:BillReader</c>: an ITL banknote validator over unencrypted SSP (9600 8N2).</summary>
public sealed class BillReaderOptions : DeviceOptions
{
    public SspOptions Ssp { get; set; } = new();
}

public sealed class BillReaderModule : DeviceModule<BillReaderOptions>
{
    public override DeviceKind Kind => DeviceKind.BillReader;

    protected override void Read(IConfigurationSection section, BillReaderOptions options) => section.Bind(options);

    protected override IEnumerable<string> Validate(BillReaderOptions options, string prefix) => options.Ssp.Validate($"{prefix}:Ssp");

    protected override IDeviceProtocol CreateProtocol(BillReaderOptions options, TimeProvider time) => new SspBillReaderProtocol(options.Ssp);

    protected override DeviceEmulator CreateEmulator(BillReaderOptions options, TimeProvider time) =>
        new SspBillReaderEmulator(time, options.EmulatorBootTime);
}
