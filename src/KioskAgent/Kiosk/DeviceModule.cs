using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;

namespace KioskAgent.Kiosk;

/// <summary>
/// How one device kind is configured and built: its options section, its protocol, its emulator.
/// Adding a device to the agent is one module and one line in <see cref="DeviceModules"/>.
/// </summary>
public interface IDeviceModule
{
    DeviceKind Kind { get; }

    /// <summary>The configuration section under a kiosk, e.g. <c>Printer</c>.</summary>
    string Section { get; }

    /// <summary>Binds and validates the section; problems name their keys under <paramref name="prefix"/>.</summary>
    ConfiguredDevice Bind(IConfigurationSection section, string prefix, List<string> problems);
}

/// <summary>A device section, bound and validated, ready to be built.</summary>
public sealed record ConfiguredDevice(
    DeviceKind Kind,
    DeviceOptions Options,
    Func<TimeProvider, IDeviceProtocol> CreateProtocol,
    Func<TimeProvider, DeviceEmulator> CreateEmulator);

/// <summary>The usual module: bind <typeparamref name="TOptions"/>, validate it, create protocol and emulator from it.</summary>
public abstract class DeviceModule<TOptions> : IDeviceModule
    where TOptions : DeviceOptions, new()
{
    public abstract DeviceKind Kind { get; }

    public string Section => Kind.ToString();

    public ConfiguredDevice Bind(IConfigurationSection section, string prefix, List<string> problems)
    {
        var options = new TOptions();
        try
        {
            Read(section, options);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{prefix}: {ex.Message}");
        }

        problems.AddRange(options.Link.Validate($"{prefix}:Link"));
        problems.AddRange(options.Supervisor.Validate($"{prefix}:Supervisor"));
        problems.AddRange(Validate(options, prefix));
        return new ConfiguredDevice(Kind, options, time => CreateProtocol(options, time), time => CreateEmulator(options, time));
    }

    /// <summary>
    /// Binds the section onto <paramref name="options"/>: <c>section.Bind(options)</c> with the concrete type, so the
    /// configuration binding generator writes the binder at build (a generic call here would need reflection).
    /// </summary>
    protected abstract void Read(IConfigurationSection section, TOptions options);

    /// <summary>The device's own settings; messages name their keys under <paramref name="prefix"/>.</summary>
    protected abstract IEnumerable<string> Validate(TOptions options, string prefix);

    /// <summary>The driver; <paramref name="time"/> is the host's clock (tests swap it), for protocols with timing rules.</summary>
    protected abstract IDeviceProtocol CreateProtocol(TOptions options, TimeProvider time);

    protected abstract DeviceEmulator CreateEmulator(TOptions options, TimeProvider time);
}
