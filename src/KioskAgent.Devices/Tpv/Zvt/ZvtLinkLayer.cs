using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// The ECR side of ZVT's serial link layer (PA00P016) over one open link: every frame sent waits for ACK and is
/// repeated on NAK; every frame received is answered ACK (CRC correct) or NAK (CRC wrong).
/// Outcomes: NAK more than <see cref="ZvtOptions.MaxRetransmissions"/> times → <c>nak_limit</c>; more corrupt frames
/// than that in a row → <c>crc_error</c>; no ACK in time → <c>no_answer</c> (not repeated: the terminal may have taken it);
/// a frame where an ACK belongs → <c>protocol_error</c>; a frame with a malformed APDU → ACKed (it arrived intact), then
/// <c>protocol_error</c>. Stray ACK/NAK bytes while a frame is awaited are ignored.
/// </summary>
internal sealed class ZvtLinkLayer(LinkSession session, ZvtOptions options)
{
    private readonly ZvtBlockReader _reader = new(options.Framing);

    public LinkSession Session => session;

    public async Task SendAsync(ZvtApdu apdu, string what, CancellationToken cancellationToken)
    {
        var frame = ZvtFrame.Encode(apdu.Encode(), options.Framing);
        for (var attempt = 0; ; attempt++)
        {
            await session.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            var answer = await session.ReceiveAsync(_reader, $"ACK of {what}", options.AckTimeout, cancellationToken).ConfigureAwait(false);
            switch (answer.Kind)
            {
                case ZvtBlockKind.Ack:
                    return;
                case ZvtBlockKind.Nak when attempt < options.MaxRetransmissions:
                    continue;
                case ZvtBlockKind.Nak:
                    throw new DeviceFaultException("nak_limit", $"The terminal refused {what} with NAK {attempt + 1} times (CRC or line trouble).");
                default:
                    throw DeviceFaultException.Protocol($"The terminal sent a frame ({answer}) where the ACK of {what} belonged.");
            }
        }
    }

    public async Task<ZvtApdu> ReceiveAsync(string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var corrupt = 0;
        while (true)
        {
            var block = await session.ReceiveAsync(_reader, what, timeout, cancellationToken).ConfigureAwait(false);
            switch (block.Kind)
            {
                case ZvtBlockKind.Frame:
                    await session.SendAsync(new[] { (byte)ZvtLinkByte.Ack }, cancellationToken).ConfigureAwait(false);
                    return ZvtApdu.TryDecode(block.Apdu, out var apdu, out var problem)
                        ? apdu
                        : throw DeviceFaultException.Protocol($"Malformed APDU {Convert.ToHexString(block.Apdu)} as {what}: {problem}");
                case ZvtBlockKind.CorruptFrame when corrupt < options.MaxRetransmissions:
                    corrupt++;
                    await session.SendAsync(new[] { (byte)ZvtLinkByte.Nak }, cancellationToken).ConfigureAwait(false);
                    break;
                case ZvtBlockKind.CorruptFrame:
                    await session.SendAsync(new[] { (byte)ZvtLinkByte.Nak }, cancellationToken).ConfigureAwait(false);
                    throw new DeviceFaultException("crc_error", $"{corrupt + 1} frames in a row with a wrong CRC as {what}.");
                default:
                    break; // a stray ACK/NAK: nothing of ours is waiting for it
            }
        }
    }
}
