using KioskAgent.Devices.Links;

namespace KioskAgent.Devices.Runtime;

/// <summary>
/// The wire conversation with one device, as its supervisor drives it. One instance per device; it may keep
/// protocol state (a sequence flag, the events seen so far), which <see cref="InitializeAsync"/> resets on every
/// new connection. The supervisor guarantees one call at a time; implementations never touch the link otherwise.
/// Any failure to get a valid answer is thrown as a <see cref="DeviceFaultException"/>.
/// </summary>
public interface IDeviceProtocol
{
    /// <summary>The protocol's name for status replies, e.g. <c>ESC/POS</c>.</summary>
    string Name { get; }

    /// <summary>Time between two status polls.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Whether the device has its own reset command, used when no relay channel is configured.</summary>
    bool HasSoftReset { get; }

    /// <summary>
    /// The longest a probe (<see cref="InitializeAsync"/> + <see cref="ReadStatusAsync"/>) takes on a device that
    /// answers at once. After a restart the supervisor cuts probe attempts short after it, because a device drops what
    /// it receives while it boots and a lost probe would otherwise wait the whole reply timeout. Null (the default):
    /// the protocol has timing rules of its own (a status gap, a handshake) and attempts are never cut short.
    /// </summary>
    TimeSpan? QuickProbeTimeout => null;

    /// <summary>The snapshot before the device ever answered (Offline, detail unknown).</summary>
    DeviceSnapshot Unknown { get; }

    /// <summary>Runs once after the link opens: synchronise, enable status reporting, read identity.</summary>
    Task InitializeAsync(LinkSession session, CancellationToken cancellationToken);

    /// <summary>Health probe and poll: ask for status, decode it. The supervisor stamps time and connection.</summary>
    Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken);

    /// <summary>The device's own reset command. Only called when <see cref="HasSoftReset"/>.</summary>
    Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken);
}
