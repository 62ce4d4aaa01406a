using System.IO.Ports;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// The line settings (baud, data bits, parity, stop bits) as a raw-mode termios, the way cfmakeraw would leave it:
/// no echo, no line editing, no CR/LF translation, no software or hardware flow control, receiver on, modem
/// control lines ignored (CLOCAL). Input parity is not checked: every protocol here carries its own checksum.
/// </summary>
internal static class LineSettings
{
    /// <summary>The rates termios can set by name (Bxxx); Linux serial drivers accept these without custom divisors.</summary>
    public static readonly IReadOnlyList<int> BaudRates =
        [300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600];

    /// <summary>Linux's B921600 (asm-generic termbits.h, octal 0010007): Tmds.LibC 0.5.0 does not define it.</summary>
    private const uint B921600 = 0x1007;

    /// <summary>What the termios link cannot do with these options, as (key, problem) pairs; empty when all is well.</summary>
    public static IEnumerable<(string Key, string Problem)> Problems(DeviceLinkOptions options)
    {
        if (!BaudRates.Contains(options.BaudRate))
        {
            yield return ("BaudRate", $"BaudRate {options.BaudRate} is not a rate the termios serial driver can set (one of {string.Join(", ", BaudRates)}).");
        }

        if (options.DataBits is < 5 or > 8)
        {
            yield return ("DataBits", $"DataBits {options.DataBits} is outside 5..8.");
        }

        if (!Enum.IsDefined(options.Parity))
        {
            yield return ("Parity", $"Parity {options.Parity} is not a parity (None, Odd, Even, Mark, Space).");
        }

        if (options.StopBits is not (StopBits.One or StopBits.Two))
        {
            yield return ("StopBits", $"StopBits {options.StopBits} is not possible through termios (One or Two).");
        }
    }

    /// <summary>Fills <paramref name="tty"/> for raw mode with the options' line settings. Call after <see cref="Problems"/> came back empty.</summary>
    public static unsafe void Apply(termios* tty, DeviceLinkOptions options)
    {
        tty->c_iflag = 0;
        tty->c_oflag = 0;
        tty->c_lflag = 0;
        tty->c_cflag = CLOCAL | CREAD | CharacterSize(options.DataBits) | ParityFlags(options.Parity);
        if (options.StopBits == StopBits.Two)
        {
            tty->c_cflag |= CSTOPB;
        }

        // Non-blocking reads return at once whatever VMIN says; VMIN=1 makes poll(2) report the first byte.
        tty->c_cc[VMIN] = 1;
        tty->c_cc[VTIME] = 0;
        var speed = Speed(options.BaudRate);
        cfsetispeed(tty, speed);
        cfsetospeed(tty, speed);
    }

    private static uint CharacterSize(int dataBits) => dataBits switch
    {
        5 => CS5,
        6 => CS6,
        7 => CS7,
        _ => CS8,
    };

    private static uint ParityFlags(Parity parity) => parity switch
    {
        Parity.Odd => PARENB | PARODD,
        Parity.Even => PARENB,
        // Stick parity: CMSPAR makes the parity bit constant, 1 with PARODD (mark), 0 without (space).
        Parity.Mark => PARENB | CMSPAR | PARODD,
        Parity.Space => PARENB | CMSPAR,
        _ => 0,
    };

    private static uint Speed(int baudRate) => baudRate switch
    {
        300 => B300,
        600 => B600,
        1200 => B1200,
        1800 => B1800,
        2400 => B2400,
        4800 => B4800,
        9600 => B9600,
        19200 => B19200,
        38400 => B38400,
        57600 => B57600,
        115200 => B115200,
        230400 => B230400,
        460800 => B460800,
        500000 => B500000,
        576000 => B576000,
        921600 => B921600,
        _ => throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "Not a termios rate: check Problems first."),
    };
}
