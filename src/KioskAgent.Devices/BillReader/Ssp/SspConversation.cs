using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// The host side of SSP's packet exchange: sequence flag, resends and reply matching. One command at a time.
/// </summary>
/// <remarks>
/// The flag toggles for every new command; a timed-out packet is resent byte for byte (same flag), which the
/// validator answers by repeating its last reply instead of executing twice. SYNC is always executed and makes
/// the next packet carry flag 0. A reply whose SEQID differs from the command's (a late reply to an earlier
/// packet, another address) is not ours: it is skipped and the wait goes on.
/// </remarks>
public sealed class SspConversation(SspOptions options, TimeProvider time)
{
    private bool _nextFlag;

    /// <summary>Sends SYNC; returns the reply data (first byte: generic reply).</summary>
    public async Task<byte[]> SyncAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(session, options.SyncSequenceFlag, [(byte)SspCommand.Sync], SspCommand.Sync, cancellationToken).ConfigureAwait(false);
        _nextFlag = false;
        return reply;
    }

    /// <summary>Sends a new command (toggling the flag); returns the reply data.</summary>
    public Task<byte[]> SendAsync(LinkSession session, SspCommand command, CancellationToken cancellationToken, params byte[] parameters)
    {
        var flag = _nextFlag;
        _nextFlag = !_nextFlag;
        return ExchangeAsync(session, flag, [(byte)command, .. parameters], command, cancellationToken);
    }

    private async Task<byte[]> ExchangeAsync(LinkSession session, bool flag, byte[] data, SspCommand command, CancellationToken cancellationToken)
    {
        var seqId = SspFrame.SeqIdOf(options.Address, flag);
        var packet = SspFrame.Encode(seqId, data);
        session.DiscardBuffered(); // stale bytes belong to nothing we will ask again
        var what = $"SSP {command.ToString().ToUpperInvariant()}";
        for (var attempt = 0; ; attempt++)
        {
            await session.SendAsync(packet, cancellationToken).ConfigureAwait(false);
            try
            {
                return await ReceiveReplyAsync(session, seqId, what, cancellationToken).ConfigureAwait(false);
            }
            catch (DeviceFaultException fault) when (fault.Code == "no_answer" && attempt < options.Retries)
            {
                // Resend the identical packet: the sequence flag makes it safe.
            }
            catch (DeviceFaultException fault) when (fault.Code == "no_answer")
            {
                throw new DeviceFaultException("no_answer", $"No answer to {what} within {options.ReplyTimeout.TotalMilliseconds:0} ms, {attempt + 1} attempts.", fault);
            }
        }
    }

    private async Task<byte[]> ReceiveReplyAsync(LinkSession session, byte seqId, string what, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var remaining = options.ReplyTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw DeviceFaultException.NoAnswer(what, options.ReplyTimeout);
            }

            var frame = await session.ReceiveAsync(SspFrameReader.Instance, what, remaining, cancellationToken).ConfigureAwait(false);
            if (frame.SeqId == seqId)
            {
                return frame.Data;
            }
        }
    }
}
