using System.Collections.Concurrent;
using KioskAgent.Devices;
using KioskAgent.Simulator;
using KioskAgent.Simulator.Power;

namespace KioskAgent.Kiosk;

/// <summary>
/// The emulators the agent runs in-process (the embedded default), by kiosk and device, so that a technician
/// (development endpoint), the benchmarks and the tests can inject faults and count power cycles.
/// </summary>
public sealed class EmulatedHardware
{
    private readonly ConcurrentDictionary<(string Kiosk, DeviceKind Kind), DeviceEmulator> _devices = new();
    private readonly ConcurrentDictionary<string, KmtronicRelayEmulator> _relays = new(StringComparer.Ordinal);

    public void Add(string kioskId, DeviceKind kind, DeviceEmulator emulator) => _devices[(kioskId, kind)] = emulator;

    public void AddRelay(string kioskId, KmtronicRelayEmulator relay) => _relays[kioskId] = relay;

    public DeviceEmulator? Device(string kioskId, DeviceKind kind) => _devices.GetValueOrDefault((kioskId, kind));

    public KmtronicRelayEmulator? Relay(string kioskId) => _relays.GetValueOrDefault(kioskId);

    public IEnumerable<(string Kiosk, DeviceKind Kind, DeviceEmulator Emulator)> Devices =>
        _devices.Select(d => (d.Key.Kiosk, d.Key.Kind, d.Value));
}
