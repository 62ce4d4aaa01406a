using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Scanner;

/// <summary>
/// A scanner backend: the supervisor drives it like any device (status, restart), and a scan can be asked
/// for. The scan is carried out on the supervisor's loop (one command at a time on the wire): the request is
/// queued here and served between status polls. Zebra SSI is one backend; a SANE document scanner could be
/// another (see Ssi/README.md).
/// </summary>
public interface IScannerProtocol : IDeviceProtocol
{
    /// <summary>
    /// Enables scanning, waits for one code within <paramref name="window"/>, and disables scanning again.
    /// Concurrent callers join the scan in progress. Throws <see cref="TimeoutException"/> when nothing was
    /// read in the window and <see cref="DeviceFaultException"/> when the scanner refused or was lost.
    /// </summary>
    Task<ScannedCode> ScanOnceAsync(TimeSpan window, CancellationToken cancellationToken);
}
