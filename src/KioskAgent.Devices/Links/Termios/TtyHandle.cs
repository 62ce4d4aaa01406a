using System.Runtime.InteropServices;
using static Tmds.Linux.LibC;

namespace KioskAgent.Devices.Links.Termios;

/// <summary>
/// An open tty file descriptor, closed exactly once when the last user lets go (SafeHandle reference counting:
/// a write racing a dispose cannot hit a closed or reused descriptor).
/// </summary>
internal sealed class TtyHandle : SafeHandle
{
    public TtyHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle()
    {
        var fd = (int)handle;

        // Bytes still queued for a device that is gone would make close() wait for them (up to the driver's
        // closing_wait, 30 s on most USB-serial adapters): that is System.IO.Ports' hanging Close. Drop them.
        _ = tcflush(fd, (int)TCIOFLUSH);

        // The exclusive lock belongs to this open; release it explicitly rather than trust every driver to.
        _ = ioctl(fd, TIOCNXCL);
        return close(fd) == 0;
    }
}
