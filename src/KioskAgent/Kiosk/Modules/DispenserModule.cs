using KioskAgent.Devices;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Dispenser;

namespace KioskAgent.Kiosk.Modules;

/// <summary><c>Kiosks:N:Dispenser</c>: a K720/K730/K750-family card dispenser (9600 8N1).</summary>
public sealed class DispenserOptions : DeviceOptions
{
    public K720Options K720 { get; set; } = new();
}

public sealed class DispenserModule : DeviceModule<DispenserOptions>
{
    public override DeviceKind Kind => DeviceKind.Dispenser;

    protected override void Read(IConfigurationSection section, DispenserOptions options) => section.Bind(options);

    protected override IEnumerable<string> Validate(DispenserOptions options, string prefix) => options.K720.Validate($"{prefix}:K720");

    protected override IDeviceProtocol CreateProtocol(DispenserOptions options, TimeProvider time) => new K720DispenserProtocol(options.K720, time);

    /// <summary>The emulated unit answers on the configured address, with its sensors where the configuration says.</summary>
    protected override DeviceEmulator CreateEmulator(DispenserOptions options, TimeProvider time) =>
        new K720DispenserEmulator(time, options.EmulatorBootTime, new K720EmulatorSettings { Address = options.K720.Address, Layout = options.K720.Sensors });
}
