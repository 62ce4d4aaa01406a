using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>
/// A K720/K730/K750-family card dispenser, polled with AP. On each connection it cancels any half-finished command
/// (EOT), and after the first status check that succeeds it asks the firmware version once (GV, optional: a unit
/// that does not answer it is not a fault; asking only once the unit answers means a unit still booting when the
/// link opens does not leave the version unknown for the whole connection). RS is the soft reset. Every exchange goes through one <see cref="K720Conversation"/>, which keeps the protocol's
/// handshake, retries and the 200 ms gap between status checks.
/// </summary>
public sealed class K720DispenserProtocol(K720Options options, TimeProvider time) : IDeviceProtocol
{
    private readonly K720Conversation _conversation = new(options, time);
    private string? _version;
    private bool _versionPending;

    public string Name => "K720";

    public TimeSpan PollInterval => options.PollInterval;

    public bool HasSoftReset => true;

    public DeviceSnapshot Unknown => DispenserSnapshot.Unknown with { UnitAddress = options.UnitAddress.ToString() };

    public async Task InitializeAsync(LinkSession session, CancellationToken cancellationToken)
    {
        session.DiscardBuffered();
        await _conversation.CancelAsync(session, cancellationToken).ConfigureAwait(false);
        _version = null;
        _versionPending = options.ReadVersion;
    }

    public async Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var reply = await _conversation.ExecuteAsync(session, K720Command.Status, options.Retries, text => K720Status.TryDecode(text, out _), cancellationToken).ConfigureAwait(false);
        K720Status.TryDecode(reply!, out var status);
        if (_versionPending)
        {
            _versionPending = false;
            _version = await ReadVersionAsync(session, cancellationToken).ConfigureAwait(false);
        }

        return status.ToSnapshot(options.Sensors) with { UnitAddress = options.UnitAddress.ToString(), Version = _version };
    }

    /// <summary>
    /// RS, then the reset time on this same session: RS has no reply, so its end is that time, and closing the port
    /// at once could drop the ENQ that starts it (a closing serial port may discard its output buffer).
    /// </summary>
    public async Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken)
    {
        await _conversation.ExecuteAsync(session, K720Command.Reset, options.Retries, accept: null, cancellationToken).ConfigureAwait(false);
        await _conversation.WaitUntilQuietAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One attempt: the version is a nicety, and a unit without GV must not delay every connection by the retries.</summary>
    private async Task<string?> ReadVersionAsync(LinkSession session, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _conversation.ExecuteAsync(session, K720Command.Version, retries: 0, accept: null, cancellationToken).ConfigureAwait(false);
            var version = reply?.Trim();
            return string.IsNullOrEmpty(version) ? null : version;
        }
        catch (DeviceFaultException fault) when (fault.Code is "no_answer" or "device_refused" or "protocol_error")
        {
            // Reported as unknown; a silent unit still fails the status check that follows, with its reason.
            return null;
        }
    }
}
