using System.Collections.Frozen;

namespace KioskAgent.Devices.Runtime;

/// <summary>
/// The latest snapshot of every device of every kiosk this agent serves. Supervisors publish; HTTP handlers
/// read without waiting on anything. Built once at start from configuration.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly FrozenDictionary<string, FrozenDictionary<DeviceKind, DeviceSlot>> _kiosks;

    public DeviceRegistry(IEnumerable<KioskDevices> kiosks)
    {
        _kiosks = kiosks.ToFrozenDictionary(
            k => k.KioskId,
            k => DeviceNames.All.ToFrozenDictionary(kind => kind, kind => k.Slots.FirstOrDefault(s => s.Kind == kind) ?? DeviceSlot.Disabled(k.KioskId, kind)),
            StringComparer.Ordinal);
        foreach (var slot in Slots)
        {
            slot.Join(this);
        }
    }

    /// <summary>Raised after a device's health or errors changed (not on every poll).</summary>
    public event Action<DeviceSlot, DeviceSnapshot, DeviceSnapshot>? Transition;

    public IEnumerable<string> KioskIds => _kiosks.Keys;

    public bool Serves(string kioskId) => _kiosks.ContainsKey(kioskId);

    /// <summary>The slot of a device; for a kind not configured, a slot that always reads Disabled.</summary>
    public DeviceSlot Slot(string kioskId, DeviceKind kind) => _kiosks[kioskId][kind];

    public IEnumerable<DeviceSlot> Slots => _kiosks.Values.SelectMany(k => k.Values);

    internal void OnTransition(DeviceSlot slot, DeviceSnapshot previous, DeviceSnapshot current) =>
        Transition?.Invoke(slot, previous, current);
}

/// <summary>The devices of one kiosk, as composed from configuration.</summary>
public sealed record KioskDevices(string KioskId, IReadOnlyList<DeviceSlot> Slots);

/// <summary>
/// Where one device's latest snapshot lives, and who restarts it. Reads are a volatile field read.
/// </summary>
public sealed class DeviceSlot
{
    private DeviceSnapshot _current;
    private DeviceRegistry? _registry;

    public DeviceSlot(string kioskId, DeviceKind kind, DeviceSnapshot initial)
    {
        KioskId = kioskId;
        Kind = kind;
        _current = initial;
    }

    public string KioskId { get; }

    public DeviceKind Kind { get; }

    public DeviceSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Null where the device cannot be restarted (not configured, or the CPU).</summary>
    public IDeviceRestarter? Restarter { get; set; }

    public bool IsConfigured => Current.Health != DeviceHealth.Disabled;

    public static DeviceSlot Disabled(string kioskId, DeviceKind kind) => new(kioskId, kind, DeviceSnapshot.Disabled(kind));

    /// <summary>Publishes a new snapshot; raises the registry's transition event when health or errors changed.</summary>
    public void Publish(DeviceSnapshot snapshot)
    {
        if (snapshot.Kind != Kind)
        {
            throw new ArgumentException($"A {snapshot.Kind} snapshot cannot be published to the {Kind} slot.", nameof(snapshot));
        }

        var previous = Interlocked.Exchange(ref _current, snapshot);
        if (previous.Health != snapshot.Health || !previous.Errors.Select(e => e.Code).SequenceEqual(snapshot.Errors.Select(e => e.Code)))
        {
            _registry?.OnTransition(this, previous, snapshot);
        }
    }

    internal void Join(DeviceRegistry registry) => _registry = registry;
}
