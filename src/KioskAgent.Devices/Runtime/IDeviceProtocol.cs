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
    /// The longest a listening device takes to send the first byte of its reply to a probe. After a restart the
    /// supervisor abandons a probe attempt that has heard nothing by then, because a device drops what it receives
    /// while it boots and a lost probe would otherwise wait the whole reply timeout. An attempt that has heard a byte
    /// runs to the protocol's own timeouts, so a slow handshake is never cut short. Null (the default): attempts are
    /// never cut.
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
