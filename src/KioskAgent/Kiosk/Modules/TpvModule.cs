using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Tpv;

namespace KioskAgent.Kiosk.Modules;

/// <summary><c>Kiosks:N:Tpv</c>: a card-payment terminal speaking ZVT (serial: 9600 or 115200 8N2).</summary>
public sealed class TpvOptions : DeviceOptions
{
    public ZvtOptions Zvt { get; set; } = new();
}

public sealed class TpvModule : DeviceModule<TpvOptions>
{
    public override DeviceKind Kind => DeviceKind.Tpv;

    protected override void Read(IConfigurationSection section, TpvOptions options) => section.Bind(options);

    protected override IEnumerable<string> Validate(TpvOptions options, string prefix) => options.Zvt.Validate($"{prefix}:Zvt");

    protected override IDeviceProtocol CreateProtocol(TpvOptions options, TimeProvider time) => new ZvtTerminalProtocol(options.Zvt);

    protected override DeviceEmulator CreateEmulator(TpvOptions options, TimeProvider time) =>
        new ZvtTerminalEmulator(time, options.EmulatorBootTime, options.Zvt.Framing);
}
