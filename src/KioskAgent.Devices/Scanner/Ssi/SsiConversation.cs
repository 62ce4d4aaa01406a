using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>How the decoder answered one command: the expected reply, or a NAK with its cause byte.</summary>
public readonly record struct SsiAnswer(SsiPacket? Reply, byte? NakCause)
{
    public bool IsRefused => NakCause is not null;

    public static ScannerRefusal Refusal(byte cause) => cause switch
    {
        (byte)SsiNakCause.Resend => ScannerRefusal.Resend,
        (byte)SsiNakCause.BadContext => ScannerRefusal.BadContext,
        (byte)SsiNakCause.Denied => ScannerRefusal.Denied,
        _ => ScannerRefusal.Other,
    };
}

/// <summary>
/// The host's half of the SSI handshake on one connection: one command at a time, retransmitted with the
/// retransmit bit after a missing answer or a NAK RESEND; decoder messages that arrive meanwhile (DECODE_DATA,
/// EVENT) are ACKed and assembled. Stale ACKs and replies of an earlier, retransmitted command are skipped;
/// the reply deadline still holds, so a decoder that only sends such packets ends as <c>no_answer</c>.
/// </summary>
public sealed class SsiConversation(SsiOptions options, TimeProvider time)
{
    private readonly SsiMessageAssembler _assembler = new();

    /// <summary>Codes decoded and fully received, oldest first.</summary>
    public Queue<ScannedCode> Decoded { get; } = new();

    /// <summary>The last NAK the decoder sent on this connection.</summary>
    public ScannerRefusal? LastRefusal { get; private set; }

    /// <summary>A new connection: nothing half-received, nothing refused yet.</summary>
    public void Reset()
    {
        _assembler.Reset();
        Decoded.Clear();
        LastRefusal = null;
    }

    /// <summary>
    /// Sends <paramref name="command"/> and waits for <paramref name="expected"/> (a reply opcode, or CMD_ACK).
    /// A NAK other than RESEND is returned, not thrown: the caller maps it to the snapshot.
    /// </summary>
    public async Task<SsiAnswer> RequestAsync(LinkSession session, SsiPacket command, SsiOpcode expected, CancellationToken cancellationToken)
    {
        var what = command.Opcode.WireName();
        for (var attempt = 0; ; attempt++)
        {
            var packet = attempt == 0 ? command : command.AsRetransmission();
            await session.SendAsync(packet.Encode(), cancellationToken).ConfigureAwait(false);
            var answer = await AwaitAnswerAsync(session, what, expected, cancellationToken).ConfigureAwait(false);
            var retriesLeft = attempt < options.Retries;
            switch (answer)
            {
                case null when retriesLeft:
                    // Whatever is buffered now is an unparsed fragment: the retransmission's answer starts afresh.
                    session.DiscardBuffered();
                    continue;
                case null:
                    throw new DeviceFaultException("no_answer",
                        $"No answer to {what} after {attempt + 1} attempt(s) of {options.ReplyTimeout.TotalMilliseconds:0} ms.");
                case { NakCause: (byte)SsiNakCause.Resend } when retriesLeft:
                    continue;
                default:
                    return answer.Value;
            }
        }
    }

    /// <summary>Sends an ACK for a decoder message (no answer expected).</summary>
    public Task AcknowledgeAsync(LinkSession session, CancellationToken cancellationToken) =>
        session.SendAsync(SsiPacket.Ack(SsiSource.Host).Encode(), cancellationToken);

    /// <summary>The answer to the command just sent, or null when the reply timeout passed first.</summary>
    private async Task<SsiAnswer?> AwaitAnswerAsync(LinkSession session, string what, SsiOpcode expected, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var remaining = options.ReplyTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            SsiPacket packet;
            try
            {
                packet = await session.ReceiveAsync(SsiPacketReader.FromDecoder, what, remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (DeviceFaultException fault) when (fault.Code == "no_answer")
            {
                return null;
            }

            if (packet.Opcode == SsiOpcode.CmdNak)
            {
                var cause = packet.Data.Length > 0 ? packet.Data[0] : (byte)0;
                LastRefusal = SsiAnswer.Refusal(cause);
                return new SsiAnswer(null, cause);
            }

            if (packet.Opcode == expected)
            {
                return new SsiAnswer(packet, null);
            }

            if (packet.Opcode is SsiOpcode.DecodeData or SsiOpcode.Event)
            {
                await TakeDecoderMessageAsync(session, packet, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task TakeDecoderMessageAsync(LinkSession session, SsiPacket packet, CancellationToken cancellationToken)
    {
        if (options.AckDecoderMessages)
        {
            await AcknowledgeAsync(session, cancellationToken).ConfigureAwait(false);
        }

        if (packet.Opcode != SsiOpcode.DecodeData)
        {
            return; // EVENTs (boot, parameter changed...) carry nothing the status needs.
        }

        try
        {
            if (_assembler.Add(packet) is { } message)
            {
                Decoded.Enqueue(SsiDecodeData.Join(message));
            }
        }
        catch (InvalidDataException ex)
        {
            throw DeviceFaultException.Protocol($"Bad DECODE_DATA from the scanner: {ex.Message}");
        }
    }
}
