using KioskAgent.Devices.Links;
using KioskAgent.Devices.Power;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Power;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAgent.Devices.Tests.Support;

/// <summary>
/// One device under its real supervisor, talking to its emulator (in-process by default, or over any link),
/// with an emulated KMtronic relay board feeding it on channel <see cref="Channel"/>.
/// </summary>
public sealed class DeviceRig : IAsyncDisposable
{
    public const int Channel = 1;

    private readonly KmtronicRelay _relayDriver;

    private DeviceRig(DeviceKind kind, IDeviceProtocol protocol, DeviceEmulator emulator, IDeviceLink? link, bool withRelay, SupervisorOptions options)
    {
        Emulator = emulator;
        Relay = new KmtronicRelayEmulator(TimeProvider.System);
        Relay.Wire(Channel, emulator);
        _relayDriver = new KmtronicRelay(new InMemoryLink(Relay, "emulator:relay"), TimeProvider.System, TimeSpan.FromSeconds(2)); // tolerant: two cores shared with the whole suite
        Slot = new DeviceSlot("kiosk-test", kind, protocol.Unknown);
        Registry = new DeviceRegistry([new KioskDevices("kiosk-test", [Slot])]);
        Supervisor = new DeviceSupervisor(
            Slot,
            link ?? new InMemoryLink(emulator, $"emulator:{kind}"),
            protocol,
            withRelay ? new RelayChannel(_relayDriver, Channel) : null,
            options,
            TimeProvider.System,
            NullLogger<DeviceSupervisor>.Instance);
    }

    public DeviceEmulator Emulator { get; }

    public KmtronicRelayEmulator Relay { get; }

    public DeviceSlot Slot { get; }

    public DeviceRegistry Registry { get; }

    public DeviceSupervisor Supervisor { get; }

    /// <summary>Fast timings for tests: the behaviour is the same, the waits are shorter.</summary>
    public static SupervisorOptions FastOptions(TimeSpan? deadline = null) => new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        PowerOffTime = TimeSpan.FromMilliseconds(100),
        RestartProbeInterval = TimeSpan.FromMilliseconds(20),
        RestartDeadline = deadline ?? TimeSpan.FromSeconds(5),
    };

    public static async Task<DeviceRig> StartAsync(
        DeviceKind kind, IDeviceProtocol protocol, DeviceEmulator emulator,
        IDeviceLink? link = null, bool withRelay = true, SupervisorOptions? options = null)
    {
        var rig = new DeviceRig(kind, protocol, emulator, link, withRelay, options ?? FastOptions());
        await rig.Supervisor.StartAsync(CancellationToken.None);
        return rig;
    }

    public DeviceSnapshot Current => Slot.Current;

    /// <summary>Waits until the published snapshot satisfies the condition; returns how long it took.</summary>
    public Task<TimeSpan> WaitForAsync(Func<DeviceSnapshot, bool> condition, TimeSpan within, string what) =>
        Eventually.TrueAsync(() => condition(Slot.Current), within, $"{what} (last: {Slot.Current.State} {string.Join(",", Slot.Current.Errors.Select(e => e.Code))})");

    public Task<RestartOutcome> RestartAsync(string who = "test") =>
        Supervisor.RestartAsync(new RestartRequest(who, Guid.NewGuid().ToString("N")), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.StopAsync(CancellationToken.None);
        Supervisor.Dispose();
        await _relayDriver.DisposeAsync();
    }
}
