using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// A Zebra decoder over SSI. REQUEST_REVISION is the probe and the periodic status; SCAN_DISABLE goes out
/// on every connect (decoders power up scan-enabled), and scanning is enabled only for a requested scan.
/// SSI has no reset command: a restart is the power relay's job.
/// </summary>
public sealed class SsiScannerProtocol : IScannerProtocol
{
    private readonly SsiOptions _options;
    private readonly SsiConversation _conversation;
    private readonly SsiScanJob _scan;
    private SsiRevision? _revision;
    private ScannerRefusal? _disableRefused;

    public SsiScannerProtocol(SsiOptions options, TimeProvider? time = null)
    {
        _options = options;
        _conversation = new SsiConversation(options, time ?? TimeProvider.System);
        _scan = new SsiScanJob(time ?? TimeProvider.System);
    }

    public string Name => "SSI";

    /// <summary>Fast while a scan is wanted, so decode data is read and acknowledged promptly.</summary>
    public TimeSpan PollInterval => _scan.IsWanted ? _options.ScanPollInterval : _options.PollInterval;

    public bool HasSoftReset => false;

    public DeviceSnapshot Unknown => ScannerSnapshot.Unknown;

    public async Task InitializeAsync(LinkSession session, CancellationToken cancellationToken)
    {
        session.DiscardBuffered();
        _scan.ConnectionReset(_conversation);
        _conversation.Reset();
        _disableRefused = null;
        _scan.ScanEnabled = !_options.DisableScanningOnConnect; // decoders power up enabled
        if (_options.DisableScanningOnConnect)
        {
            _disableRefused = await _scan.DisableAsync(session, _conversation, cancellationToken).ConfigureAwait(false);
            _scan.ScanEnabled = _disableRefused is not null;
        }
    }

    public async Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (DeviceFaultException fault)
        {
            _scan.ConnectionLost(fault);
            throw;
        }
    }

    private async Task<DeviceSnapshot> ReadAsync(LinkSession session, CancellationToken cancellationToken)
    {
        await _scan.ServeAsync(session, _conversation, cancellationToken).ConfigureAwait(false);
        var answer = await _conversation.RequestAsync(session, SsiPacket.FromHost(SsiOpcode.RequestRevision), SsiOpcode.ReplyRevision, cancellationToken)
            .ConfigureAwait(false);
        if (answer.Reply is { } reply)
        {
            _revision = SsiRevision.Parse(reply.Data);
        }

        // A code that arrived while waiting for the revision is handed over now, not a poll later.
        await _scan.ServeAsync(session, _conversation, cancellationToken).ConfigureAwait(false);
        return new SsiScannerStatus(_revision, answer.NakCause, _disableRefused, _scan.ScanEnabled, _conversation.LastRefusal).ToSnapshot();
    }

    public Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken) =>
        throw new NotSupportedException("SSI has no reset command: restarting the scanner needs a power relay channel.");

    public Task<ScannedCode> ScanOnceAsync(TimeSpan window, CancellationToken cancellationToken) =>
        _scan.RequestAsync(window, cancellationToken);
}
