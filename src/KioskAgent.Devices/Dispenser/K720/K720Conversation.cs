using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>
/// The K720 handshake for one command, with the protocol's retries and timing:
/// <code>
///   host → packet            STX addr LEN "AP" ETX BCC
///   unit → ACK addr          (NAK addr: packet damaged → send it again)
///   host → ENQ addr          "execute it"
///   unit → reply packet      STX addr LEN "SF" s1..s4 ETX BCC      (queries only)
///   host → EOT addr          only to cancel a command whose reply never came
/// </code>
/// A NAK, a missing ACK, a missing reply, a reply from another unit address or a reply the caller rejects is a
/// failed attempt; the packet is sent again up to <see cref="K720Options.Retries"/> times, then the last failure
/// is thrown (the supervisor shows it as Offline with that reason). A lost link is thrown at once.
/// Timing: no packet leaves before the dispenser has had <see cref="K720Options.StatusCheckGap"/> (after RS,
/// <see cref="K720Options.ResetTime"/>) since the last executed command ended, measured on the injected clock,
/// whatever the poll interval says. Resending after a NAK or a missing ACK is immediate: nothing was executed.
/// </summary>
public sealed class K720Conversation(K720Options options, TimeProvider time)
{
    private long _quietUntil;

    /// <summary>Sends EOT: the unit drops any command still waiting for its ENQ (used on every new connection).</summary>
    public Task CancelAsync(LinkSession session, CancellationToken cancellationToken) =>
        session.SendAsync(K720Frame.Control(K720Control.Eot, options.UnitAddress).Encode(), cancellationToken);

    /// <summary>
    /// Runs one command to its end, resending it up to <paramref name="retries"/> times; returns the reply text
    /// (null for commands without a reply). <paramref name="accept"/> checks the reply's text: a rejected reply is a
    /// failed attempt with <c>protocol_error</c>.
    /// </summary>
    public async Task<string?> ExecuteAsync(LinkSession session, K720Command command, int retries, Func<string, bool>? accept, CancellationToken cancellationToken)
    {
        var packet = K720Frame.Packet(options.UnitAddress, command.Text).Encode();
        DeviceFaultException? failure = null;
        for (var attempt = 0; attempt <= retries; attempt++)
        {
            await WaitUntilQuietAsync(cancellationToken).ConfigureAwait(false);
            session.DiscardBuffered();
            await session.SendAsync(packet, cancellationToken).ConfigureAwait(false);
            failure = await AwaitAckAsync(session, command, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                continue;
            }

            await session.SendAsync(K720Frame.Control(K720Control.Enq, options.UnitAddress).Encode(), cancellationToken).ConfigureAwait(false);
            if (!command.HasReply)
            {
                StayQuietAfter(command);
                return null;
            }

            var (reply, replyFailure) = await AwaitReplyAsync(session, command, cancellationToken).ConfigureAwait(false);
            StayQuietAfter(command);
            if (replyFailure is null && reply is { } text)
            {
                if (accept is null || accept(text))
                {
                    return text;
                }

                replyFailure = DeviceFaultException.Protocol($"Unit {options.UnitAddress} replied to {command} with \"{Printable(text)}\", which is not a valid {command} reply.");
            }
            else
            {
                await CancelAsync(session, cancellationToken).ConfigureAwait(false);
            }

            failure = replyFailure;
        }

        throw new DeviceFaultException(failure!.Code, retries > 0 ? $"{failure.Message} ({retries + 1} attempts)" : failure.Message);
    }

    /// <summary>Null when the unit acknowledged; otherwise why this attempt failed.</summary>
    private async Task<DeviceFaultException?> AwaitAckAsync(LinkSession session, K720Command command, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var (frame, silence) = await ReceiveAsync(session, $"ACK to {command} from unit {options.UnitAddress}", options.AckTimeout, started, cancellationToken).ConfigureAwait(false);
            if (silence is not null)
            {
                return silence;
            }

            if (frame.IsPacket)
            {
                continue; // a late reply to an earlier command: not what is awaited now
            }

            if (frame.Address != options.UnitAddress)
            {
                return WrongAddress(frame, command);
            }

            return frame.Kind == K720Control.Ack
                ? null
                : new DeviceFaultException("device_refused", $"Unit {options.UnitAddress} answered NAK to {command} (packet refused as damaged or unknown).");
        }
    }

    private async Task<(string? Reply, DeviceFaultException? Failure)> AwaitReplyAsync(LinkSession session, K720Command command, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var (frame, silence) = await ReceiveAsync(session, $"reply to {command} from unit {options.UnitAddress}", options.ReplyTimeout, started, cancellationToken).ConfigureAwait(false);
            if (silence is not null)
            {
                return (null, new DeviceFaultException(silence.Code, silence.Code == "no_answer"
                    ? $"Unit {options.UnitAddress} acknowledged {command} but sent no valid reply within {options.ReplyTimeout.TotalMilliseconds:0} ms."
                    : silence.Message));
            }

            if (frame.Address != options.UnitAddress)
            {
                return (null, WrongAddress(frame, command));
            }

            switch (frame.Kind)
            {
                case K720Control.Stx:
                    return (frame.Text, null);
                case K720Control.Nak:
                    return (null, new DeviceFaultException("device_refused", $"Unit {options.UnitAddress} answered NAK to the ENQ for {command}."));
                default:
                    continue; // a repeated ACK
            }
        }
    }

    /// <summary>
    /// One frame before <paramref name="timeout"/> counted from <paramref name="started"/>, or the reason none came
    /// (a link loss is thrown, not returned).
    /// </summary>
    private async Task<(K720Frame Frame, DeviceFaultException? Failure)> ReceiveAsync(
        LinkSession session, string what, TimeSpan timeout, long started, CancellationToken cancellationToken)
    {
        var remaining = timeout - time.GetElapsedTime(started);
        try
        {
            if (remaining > TimeSpan.Zero)
            {
                return (await session.ReceiveAsync(K720FrameReader.Replies, what, remaining, cancellationToken).ConfigureAwait(false), null);
            }
        }
        catch (DeviceFaultException fault) when (fault.Code != "link_lost")
        {
            return (default, fault.Code == "no_answer" ? DeviceFaultException.NoAnswer(what, timeout) : fault);
        }

        return (default, DeviceFaultException.NoAnswer(what, timeout));
    }

    private DeviceFaultException WrongAddress(K720Frame frame, K720Command command) => new(
        "wrong_address",
        $"Unit {frame.Address} answered {command}, but the configured unit is {options.UnitAddress}: check the Address setting against the dispenser's switches.");

    /// <summary>Waits until the unit may take the next command (the status gap, or the reset time after RS).</summary>
    public async Task WaitUntilQuietAsync(CancellationToken cancellationToken)
    {
        // A loop, not one delay: system timers count whole milliseconds and may fire a fraction early.
        TimeSpan wait;
        while ((wait = time.GetElapsedTime(time.GetTimestamp(), Volatile.Read(ref _quietUntil))) > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void StayQuietAfter(K720Command command)
    {
        var quiet = command == K720Command.Reset && options.ResetTime > options.StatusCheckGap ? options.ResetTime : options.StatusCheckGap;
        Volatile.Write(ref _quietUntil, time.GetTimestamp() + (long)(quiet.TotalSeconds * time.TimestampFrequency));
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\x{(int)c:X2}"));
}
