using System.IO.Ports;

namespace KioskAgent.Devices.Links;

/// <summary>What kind of link a device sits on.</summary>
public enum LinkKind
{
    /// <summary>An emulator in the agent's own process (the embedded default).</summary>
    Emulator,

    /// <summary>A serial port by path, e.g. <c>/dev/serial/by-id/usb-FTDI_...-if00-port0</c> or <c>COM3</c>.</summary>
    Serial,

    /// <summary>A TCP socket: a ser2net bridge or a networked device.</summary>
    Tcp,
}

/// <summary>Configuration of one link (bound from <c>Kiosks:N:&lt;Device&gt;:Link</c>).</summary>
public sealed class DeviceLinkOptions
{
    public LinkKind Kind { get; set; } = LinkKind.Emulator;

    /// <summary>Serial: the port path. Prefer <c>/dev/serial/by-id/...</c>: it survives re-enumeration.</summary>
    public string? Path { get; set; }

    public int BaudRate { get; set; } = 9600;

    public int DataBits { get; set; } = 8;

    public Parity Parity { get; set; } = Parity.None;

    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>
    /// Serial: which code drives the port. <c>Auto</c> is the termios link on Linux (System.IO.Ports wakes every
    /// millisecond per port there), System.IO.Ports elsewhere; <c>SystemIoPorts</c> forces the latter on Linux.
    /// </summary>
    public SerialDriver Driver { get; set; } = SerialDriver.Auto;

    /// <summary>Raise DTR on open. Only where the device needs it: a pty refuses modem-line ioctls.</summary>
    public bool DtrEnable { get; set; }

    /// <summary>Raise RTS on open. Only where the device needs it.</summary>
    public bool RtsEnable { get; set; }

    /// <summary>TCP: host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>TCP: port.</summary>
    public int Port { get; set; }

    /// <summary>How long opening may take (TCP connect; serial open is immediate).</summary>
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Returns the problems with this configuration, each naming its key under <paramref name="prefix"/>.</summary>
    public IEnumerable<string> Validate(string prefix)
    {
        switch (Kind)
        {
            case LinkKind.Serial:
                if (string.IsNullOrWhiteSpace(Path))
                {
                    yield return $"{prefix}:Path is required for a serial link (e.g. /dev/serial/by-id/...).";
                }

                if (!Enum.IsDefined(Driver))
                {
                    yield return $"{prefix}:Driver {Driver} is not a serial driver (Auto, Termios, SystemIoPorts).";
                }
                else if (Driver == SerialDriver.Termios && !OperatingSystem.IsLinux())
                {
                    yield return $"{prefix}:Driver Termios needs Linux; use Auto or SystemIoPorts here.";
                }

                foreach (var problem in SerialLinks.Resolve(Driver) == SerialDriver.Termios ? TermiosLineProblems(prefix) : SystemIoPortsLineProblems(prefix))
                {
                    yield return problem;
                }

                break;
            case LinkKind.Tcp:
                if (string.IsNullOrWhiteSpace(Host))
                {
                    yield return $"{prefix}:Host is required for a TCP link.";
                }

                if (Port is < 1 or > 65535)
                {
                    yield return $"{prefix}:Port {Port} is outside 1..65535.";
                }

                break;
        }

        if (OpenTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:OpenTimeout must be positive.";
        }
    }

    private IEnumerable<string> TermiosLineProblems(string prefix) =>
        Termios.LineSettings.Problems(this).Select(p => $"{prefix}:{p.Problem}");

    private IEnumerable<string> SystemIoPortsLineProblems(string prefix)
    {
        if (BaudRate is < 300 or > 921_600)
        {
            yield return $"{prefix}:BaudRate {BaudRate} is outside 300..921600.";
        }

        if (DataBits is < 5 or > 8)
        {
            yield return $"{prefix}:DataBits {DataBits} is outside 5..8.";
        }

        if (StopBits == StopBits.None)
        {
            yield return $"{prefix}:StopBits None is not a valid serial setting (One, OnePointFive, Two).";
        }
    }
}
