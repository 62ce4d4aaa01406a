using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>Scanning is enabled only for a requested scan, served on the supervisor's loop, and disabled after.</summary>
public sealed class SsiScanRequestTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    private static async Task<(DeviceRig Rig, SsiScannerEmulator Scanner, SsiScannerProtocol Protocol)> OnlineAsync()
    {
        var scanner = SsiScannerSupervisionTests.NewScanner();
        var protocol = new SsiScannerProtocol(SsiScannerSupervisionTests.Fast);
        var rig = await DeviceRig.StartAsync(DeviceKind.Scanner, protocol, scanner);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Healthy, Within, "scanner online");
        return (rig, scanner, protocol);
    }

    [Fact]
    public async Task The_status_path_never_enables_scanning()
    {
        var (rig, scanner, _) = await OnlineAsync();
        await using var _rig = rig;
        var answered = scanner.CommandsAnswered;
        await Eventually.TrueAsync(() => scanner.CommandsAnswered >= answered + 3, Within, "three more probes");

        Assert.False(scanner.ScanEnabled);
        Assert.False(scanner.PresentMrz()); // a document under the window is not read
        Assert.False(Assert.IsType<ScannerSnapshot>(rig.Current).ScanEnabled);
    }

    [Fact]
    public async Task A_requested_scan_reads_the_specimen_mrz_across_packets_then_disables_scanning()
    {
        var (rig, scanner, protocol) = await OnlineAsync();
        await using var _rig = rig;

        var scan = protocol.ScanOnceAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        await Eventually.TrueAsync(() => scanner.ScanEnabled, Within, "scanning enabled for the request");
        await rig.WaitForAsync(s => s is ScannerSnapshot { ScanEnabled: true }, Within, "status shows scanning");
        await Eventually.TrueAsync(() => scanner.PresentMrz(), Within, "decode session started");
        var code = await scan.WaitAsync(Within);

        Assert.Equal("ocr_b", code.Symbology);
        Assert.Equal(MrzSpecimen.Text(), code.Text); // 90 bytes: two DECODE_DATA packets of 64
        Assert.False(scanner.ScanEnabled);
        await rig.WaitForAsync(s => s is ScannerSnapshot { ScanEnabled: false } && s.Health == DeviceHealth.Healthy, Within, "scanning off again");
    }

    [Fact]
    public async Task Concurrent_requests_join_one_scan_of_the_configured_barcode()
    {
        var (rig, scanner, protocol) = await OnlineAsync();
        await using var _rig = rig;

        var scans = Enumerable.Range(0, 3).Select(_ => protocol.ScanOnceAsync(TimeSpan.FromSeconds(5), CancellationToken.None)).ToArray();
        await Eventually.TrueAsync(() => scanner.Present(scanner.Barcode, scanner.BarcodeType), Within, "decode session started");
        var codes = await Task.WhenAll(scans).WaitAsync(Within);

        Assert.All(codes, c => Assert.Equal(("code128", scanner.Barcode), (c.Symbology, c.Text)));
        Assert.Single(codes.Distinct());
    }

    [Fact]
    public async Task A_window_with_nothing_presented_times_out_and_disables_scanning()
    {
        var (rig, scanner, protocol) = await OnlineAsync();
        await using var _rig = rig;

        var scan = protocol.ScanOnceAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => scan.WaitAsync(Within));
        await Eventually.TrueAsync(() => !scanner.ScanEnabled, Within, "scanning disabled after the window");
        Assert.Equal(DeviceHealth.Healthy, rig.Current.Health);
    }

    [Fact]
    public async Task A_refused_scan_enable_fails_the_request_as_device_refused()
    {
        var (rig, scanner, protocol) = await OnlineAsync();
        await using var _rig = rig;
        scanner.Inject("nak_denied");

        var ex = await Assert.ThrowsAsync<DeviceFaultException>(() => protocol.ScanOnceAsync(TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Within));

        Assert.Equal("device_refused", ex.Code);
    }

    [Fact]
    public async Task A_scan_cut_by_a_lost_link_fails_instead_of_hanging()
    {
        var (rig, scanner, protocol) = await OnlineAsync();
        await using var _rig = rig;

        var scan = protocol.ScanOnceAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Eventually.TrueAsync(() => scanner.ScanEnabled, Within, "scanning enabled");
        scanner.Inject("silence");

        // It fails as soon as the scanner stops answering, not when (or whether) it comes back; and whether the
        // silence began before or after START_DECODE was acknowledged.
        var ex = await Assert.ThrowsAsync<DeviceFaultException>(() => scan.WaitAsync(Within));
        Assert.Equal("link_lost", ex.Code);
        await rig.WaitForAsync(s => s.Health == DeviceHealth.Offline, Within, "offline");
        scanner.Inject("none");
        await Eventually.TrueAsync(() => !scanner.ScanEnabled, Within, "disabled again on reconnect");
    }
}
