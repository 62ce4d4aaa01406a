namespace KioskAgent.Devices.Links;

/// <summary>
/// Where a device's bytes travel: a serial port, a TCP bridge, or an emulator in the same process.
/// Opening gives a fresh stream; disposing the stream closes the link.
/// </summary>
public interface IDeviceLink
{
    /// <summary>For status and logs: the port path, <c>tcp://host:port</c>, or <c>emulator:printer</c>.</summary>
    string Description { get; }

    /// <summary>Opens the link. Throws <see cref="IOException"/> (or a subclass) when the port is absent or refused.</summary>
    Task<Stream> OpenAsync(CancellationToken cancellationToken);
}
