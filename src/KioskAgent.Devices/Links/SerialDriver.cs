namespace KioskAgent.Devices.Links;

/// <summary>
/// Which code drives a serial link (<c>Link:Driver</c>). On Linux the agent drives the tty itself through termios
/// and poll(2): System.IO.Ports there wakes every millisecond per open port (its I/O loop polls with a 1 ms timeout
/// while a read is pending, dotnet/runtime#2379), which alone kept six idle ports at 13 % of a core.
/// </summary>
public enum SerialDriver
{
    /// <summary>Termios on Linux, System.IO.Ports elsewhere.</summary>
    Auto,

    /// <summary>The tty through termios and poll(2): Linux only.</summary>
    Termios,

    /// <summary>System.IO.Ports: the escape hatch on Linux if a USB-serial driver misbehaves with the termios link.</summary>
    SystemIoPorts,
}

/// <summary>Builds the serial link the configuration asks for.</summary>
public static class SerialLinks
{
    /// <summary>The driver that <paramref name="configured"/> means on this machine.</summary>
    public static SerialDriver Resolve(SerialDriver configured) => configured switch
    {
        SerialDriver.Auto => OperatingSystem.IsLinux() ? SerialDriver.Termios : SerialDriver.SystemIoPorts,
        _ => configured,
    };

    public static IDeviceLink Create(DeviceLinkOptions options) => Resolve(options.Driver) switch
    {
        SerialDriver.Termios => new Termios.TermiosLink(options),
        _ => new SerialLink(options),
    };
}
