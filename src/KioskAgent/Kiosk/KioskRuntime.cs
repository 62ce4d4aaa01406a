using KioskAgent.Devices;
using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Power;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Runtime;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Power;

namespace KioskAgent.Kiosk;

/// <summary>
/// The kiosks' devices, built from the plan: a link, a protocol and a supervisor per device, the relay board
/// per kiosk, emulators where the configuration says so. Starts and stops the supervisors with the host.
/// </summary>
public sealed class KioskRuntime : IHostedService, IAsyncDisposable
{
    private readonly List<DeviceSupervisor> _supervisors = [];
    private readonly List<KmtronicRelay> _relays = [];

    public KioskRuntime(KioskPlan plan, EmulatedHardware emulated, TimeProvider time, ILoggerFactory loggers, IRestartJournal? journal = null)
    {
        var kiosks = new List<KioskDevices>();
        foreach (var kiosk in plan.Kiosks)
        {
            var relay = kiosk.Relay is null ? null : BuildRelay(kiosk, emulated, time);
            var slots = new List<DeviceSlot> { CpuMonitor.CreateSlot(kiosk.Id) };
            foreach (var device in kiosk.Devices)
            {
                var protocol = device.CreateProtocol(time);
                var link = BuildLink(kiosk.Id, device, emulated, time);
                var slot = new DeviceSlot(kiosk.Id, device.Kind, protocol.Unknown);
                var channel = relay is not null && device.Options.RelayChannel is int ch ? new RelayChannel(relay, ch) : null;
                _supervisors.Add(new DeviceSupervisor(slot, link, protocol, channel, device.Options.Supervisor, time, loggers.CreateLogger<DeviceSupervisor>(), journal));
                slots.Add(slot);
            }

            kiosks.Add(new KioskDevices(kiosk.Id, slots));
        }

        Registry = new DeviceRegistry(kiosks);
    }

    public DeviceRegistry Registry { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var supervisor in _supervisors)
        {
            await supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_supervisors.Select(s => s.StopAsync(cancellationToken))).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var supervisor in _supervisors)
        {
            supervisor.Dispose();
        }

        foreach (var relay in _relays)
        {
            await relay.DisposeAsync().ConfigureAwait(false);
        }
    }

    private KmtronicRelay BuildRelay(PlannedKiosk kiosk, EmulatedHardware emulated, TimeProvider time)
    {
        var options = kiosk.Relay!;
        IDeviceLink link;
        if (options.Link.Kind == LinkKind.Emulator)
        {
            var emulator = new KmtronicRelayEmulator(time);
            emulated.AddRelay(kiosk.Id, emulator);
            link = new InMemoryLink(emulator, "emulator:relay");
        }
        else
        {
            link = BuildRealLink(options.Link);
        }

        var relay = new KmtronicRelay(link, time, options.ReplyTimeout);
        _relays.Add(relay);
        return relay;
    }

    private static IDeviceLink BuildLink(string kioskId, ConfiguredDevice device, EmulatedHardware emulated, TimeProvider time)
    {
        if (device.Options.Link.Kind != LinkKind.Emulator)
        {
            return BuildRealLink(device.Options.Link);
        }

        DeviceEmulator emulator = device.CreateEmulator(time);
        emulated.Add(kioskId, device.Kind, emulator);
        if (device.Options.RelayChannel is int channel && emulated.Relay(kioskId) is { } relay)
        {
            relay.Wire(channel, emulator);
        }

        return new InMemoryLink(emulator, $"emulator:{DeviceNames.RouteSegment(device.Kind)}");
    }

    private static IDeviceLink BuildRealLink(DeviceLinkOptions options) => options.Kind switch
    {
        LinkKind.Serial => SerialLinks.Create(options),
        LinkKind.Tcp => new TcpLink(options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Not a physical link kind."),
    };
}
