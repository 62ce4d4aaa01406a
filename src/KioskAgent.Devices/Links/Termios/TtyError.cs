using System.Runtime.InteropServices;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>A failed libc call on a serial port, as the exception the link's callers expect, naming the port.</summary>
internal static class TtyError
{
    public static IOException For(string path, string doing, int errno) =>
        new($"Serial port {path}: {doing} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
}
