using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// An ITL banknote validator over unencrypted SSP. Connect: SYNC, then SETUP_REQUEST, SERIAL NUMBER and
/// FIRMWARE; poll: POLL, whose events update a <see cref="BillReaderCondition"/>. The status path never sends
/// ENABLE: the reader stays disabled until something that wants cash enables it. RESET is the soft reset.
/// </summary>
public sealed class SspBillReaderProtocol(SspOptions options, TimeProvider? time = null) : IDeviceProtocol
{
    private readonly SspConversation _conversation = new(options, time ?? TimeProvider.System);
    private readonly BillReaderCondition _condition = new();
    private SspIdentityInfo _identity = SspIdentityInfo.Unknown;

    public string Name => "SSP";

    public TimeSpan PollInterval => options.PollInterval;

    public bool HasSoftReset => true;

    public DeviceSnapshot Unknown => BillReaderSnapshot.Unknown;

    public async Task InitializeAsync(LinkSession session, CancellationToken cancellationToken)
    {
        _condition.StartConnection();
        Expect(await _conversation.SyncAsync(session, cancellationToken).ConfigureAwait(false), SspCommand.Sync);
        _identity = await ReadIdentityAsync(session, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var reply = await _conversation.SendAsync(session, SspCommand.Poll, cancellationToken).ConfigureAwait(false);
        switch ((SspReply)reply[0])
        {
            case SspReply.Ok:
                var poll = SspPollReply.Decode(reply.AsSpan(1));
                if (poll.Truncated)
                {
                    throw DeviceFaultException.Protocol($"POLL reply {Convert.ToHexString(reply)} ends inside an event.");
                }

                // An unknown event's length is unknown: the events before it are used, the rest is skipped.
                _condition.Apply(poll.Events);
                return _condition.ToSnapshot(_identity);
            case SspReply.CannotProcessNow or SspReply.SoftwareError or SspReply.Fail:
                return _condition.ToSnapshot(_identity, (SspReply)reply[0]);
            default:
                throw Refused(reply, SspCommand.Poll);
        }
    }

    public async Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken)
    {
        Expect(await _conversation.SyncAsync(session, cancellationToken).ConfigureAwait(false), SspCommand.Sync);
        Expect(await _conversation.SendAsync(session, SspCommand.Reset, cancellationToken).ConfigureAwait(false), SspCommand.Reset);
    }

    /// <summary>Identity is optional: a reader that refuses a query (F2 unknown, F5 busy...) keeps that part unknown.</summary>
    private async Task<SspIdentityInfo> ReadIdentityAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var setupReply = await QueryAsync(session, SspCommand.SetupRequest, cancellationToken).ConfigureAwait(false);
        BillReaderSetup? setup = null;
        string? firmware = null;
        if (setupReply is not null)
        {
            if (!SspIdentity.TryDecodeSetup(setupReply, out var decoded, out var shortFirmware))
            {
                throw DeviceFaultException.Protocol($"SETUP_REQUEST reply {Convert.ToHexString(setupReply)} does not decode.");
            }

            (setup, firmware) = (decoded, shortFirmware);
        }

        string? serial = null;
        if (await QueryAsync(session, SspCommand.SerialNumber, cancellationToken).ConfigureAwait(false) is { } serialReply)
        {
            serial = SspIdentity.TryDecodeSerialNumber(serialReply, out var s) ? s
                : throw DeviceFaultException.Protocol($"SERIAL NUMBER reply {Convert.ToHexString(serialReply)} is not 4 bytes.");
        }

        if (await QueryAsync(session, SspCommand.Firmware, cancellationToken).ConfigureAwait(false) is { } firmwareReply)
        {
            firmware = SspIdentity.TryDecodeFirmware(firmwareReply, out var f) ? f
                : throw DeviceFaultException.Protocol($"FIRMWARE reply {Convert.ToHexString(firmwareReply)} is not ASCII text.");
        }

        return new SspIdentityInfo(firmware, serial, setup);
    }

    /// <summary>The bytes after F0, or null when the reader answered with another generic reply.</summary>
    private async Task<byte[]?> QueryAsync(LinkSession session, SspCommand command, CancellationToken cancellationToken)
    {
        var reply = await _conversation.SendAsync(session, command, cancellationToken).ConfigureAwait(false);
        return (SspReply)reply[0] switch
        {
            SspReply.Ok => reply[1..],
            _ when Enum.IsDefined((SspReply)reply[0]) => null,
            _ => throw DeviceFaultException.Protocol($"{command} reply {Convert.ToHexString(reply)} starts with no generic reply code."),
        };
    }

    private static void Expect(byte[] reply, SspCommand command)
    {
        if ((SspReply)reply[0] != SspReply.Ok)
        {
            throw Refused(reply, command);
        }
    }

    /// <summary>A generic reply other than F0 where F0 was needed is a refusal; anything else is not SSP.</summary>
    private static DeviceFaultException Refused(byte[] reply, SspCommand command) => Enum.IsDefined((SspReply)reply[0])
        ? new DeviceFaultException("device_refused", $"The bill reader answered {command} with {(SspReply)reply[0]} ({reply[0]:X2}).")
        : DeviceFaultException.Protocol($"{command} reply {Convert.ToHexString(reply)} starts with no generic reply code.");
}
