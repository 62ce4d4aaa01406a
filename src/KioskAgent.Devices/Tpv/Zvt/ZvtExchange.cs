using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Tpv.Zvt;

public enum ZvtExchangeEnd
{
    /// <summary>80 00 00 and nothing more expected (Log-Off, Abort).</summary>
    Accepted,

    /// <summary>84 xx 00: the terminal refused the command with error xx.</summary>
    Refused,

    /// <summary>06 0F: the terminal completed the command.</summary>
    Completed,

    /// <summary>06 1E xx: the terminal aborted the command with error xx.</summary>
    Aborted,
}

/// <summary>How one command went: its end, the error code of a refusal/abort, the Completion, what came between.</summary>
public sealed record ZvtExchangeResult(ZvtExchangeEnd End, byte Code, ZvtApdu? Completion, byte? ResultCode, IReadOnlyList<byte> IntermediateStatuses);

/// <summary>
/// One command's application-level flow (PA00P015, "Transport protocol" flow): the ECR sends the command; the
/// terminal answers 80 00 00 (or 84 xx 00) within the accept timeout; then sends 04 FF / 04 0F / 06 D1 as it goes,
/// and ends with 06 0F or 06 1E xx. The ECR answers each of those messages with 80 00 00. Anything else where the
/// flow does not allow it is <c>unexpected_apdu</c>; the deadlines are <c>no_answer</c>.
/// </summary>
internal static class ZvtExchange
{
    public static async Task<ZvtExchangeResult> RunAsync(
        ZvtLinkLayer link, ZvtApdu command, string what, bool expectsCompletion, ZvtOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        link.Session.DiscardBuffered(); // a late answer to an earlier command must not pass for this one's
        await link.SendAsync(command, what, cancellationToken).ConfigureAwait(false);
        var answer = await link.ReceiveAsync($"80 00 00 to {what}", options.AcceptTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.IsNegativeAcknowledgement)
        {
            return new(ZvtExchangeEnd.Refused, answer.Instruction, null, null, []);
        }

        if (!answer.IsPositiveAcknowledgement && !(answer.Class == ZvtClass.NegativeAcknowledgement && answer.Instruction == 0))
        {
            throw Unexpected(answer, $"80 00 00 or 84 xx 00 to {what}");
        }

        if (!expectsCompletion)
        {
            return new(ZvtExchangeEnd.Accepted, 0, null, null, []);
        }

        var started = time.GetTimestamp();
        var intermediate = new List<byte>();
        byte? resultCode = null;
        while (true)
        {
            var remaining = options.CompletionTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw DeviceFaultException.NoAnswer($"Completion of {what}", options.CompletionTimeout);
            }

            var message = await link.ReceiveAsync($"Completion of {what}", remaining, cancellationToken).ConfigureAwait(false);
            switch (message.ControlField)
            {
                case ZvtControlField.IntermediateStatus:
                    intermediate.Add(message.Data.FirstOrDefault());
                    break;
                case ZvtControlField.StatusInformation:
                    resultCode = ZvtTerminalMessages.ResultCodeOf(message) ?? resultCode;
                    break;
                case ZvtControlField.PrintLine:
                    break; // the status path prints nothing; the line is taken and dropped
                case ZvtControlField.Completion:
                    await AcknowledgeAsync(link, what, cancellationToken).ConfigureAwait(false);
                    return new(ZvtExchangeEnd.Completed, 0, message, resultCode, intermediate);
                case ZvtControlField.AbortedByTerminal when message.Data.Length >= 1:
                    await AcknowledgeAsync(link, what, cancellationToken).ConfigureAwait(false);
                    return new(ZvtExchangeEnd.Aborted, message.Data[0], null, resultCode, intermediate);
                default:
                    throw Unexpected(message, $"a status, print or completion message during {what}");
            }

            await AcknowledgeAsync(link, what, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task AcknowledgeAsync(ZvtLinkLayer link, string what, CancellationToken cancellationToken) =>
        link.SendAsync(ZvtCommands.PositiveAcknowledgement(), $"80 00 00 during {what}", cancellationToken);

    private static DeviceFaultException Unexpected(ZvtApdu apdu, string expected) =>
        new("unexpected_apdu", $"The terminal sent {apdu} where {expected} belonged.");
}
