using System.Buffers;
using System.Text;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>What <see cref="K720FrameReader.Scan"/> found at the first plausible frame start.</summary>
public enum K720ScanResult
{
    /// <summary>A whole, valid frame.</summary>
    Frame,

    /// <summary>No complete frame yet: wait for more bytes.</summary>
    NeedMore,

    /// <summary>A packet whose header is plausible but whose ETX or BCC is wrong (a device answers it with NAK).</summary>
    Malformed,
}

/// <summary>
/// Finds <see cref="K720Frame"/>s of one direction in a byte stream. Bytes that cannot start an accepted frame are
/// garbage and skipped, as are starts followed by a non-digit address or a length beyond
/// <see cref="K720Frame.MaxTextLength"/>. A packet with a wrong ETX or BCC is dropped by its first byte so the
/// search resynchronises inside it.
/// </summary>
/// <param name="accepted">The frame kinds this direction carries.</param>
public sealed class K720FrameReader(params K720Control[] accepted) : IMessageReader<K720Frame>
{
    /// <summary>What a dispenser sends: ACK, NAK, reply packets.</summary>
    public static readonly K720FrameReader Replies = new(K720Control.Stx, K720Control.Ack, K720Control.Nak);

    /// <summary>What a host sends: command packets, ENQ, EOT.</summary>
    public static readonly K720FrameReader Commands = new(K720Control.Stx, K720Control.Enq, K720Control.Eot);

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out K720Frame message)
    {
        var remaining = input;
        while (true)
        {
            switch (Scan(remaining, out var start, out var end, out message))
            {
                case K720ScanResult.Frame:
                    consumed = examined = end;
                    return true;
                case K720ScanResult.NeedMore:
                    consumed = start;
                    examined = input.End;
                    return false;
                default:
                    remaining = remaining.Slice(remaining.GetPosition(1, start));
                    break;
            }
        }
    }

    /// <summary>
    /// Looks for the first frame in <paramref name="input"/>. <paramref name="start"/> is where it (or the incomplete
    /// candidate) begins, everything before being garbage; <paramref name="end"/> is just past it (Frame, Malformed).
    /// </summary>
    public K720ScanResult Scan(in ReadOnlySequence<byte> input, out SequencePosition start, out SequencePosition end, out K720Frame frame)
    {
        var reader = new SequenceReader<byte>(input);
        frame = default;
        while (reader.TryPeek(out var first))
        {
            start = end = reader.Position;
            var startOffset = reader.Consumed;
            if (!IsAccepted(first))
            {
                reader.Advance(1);
                continue;
            }

            var result = first == (byte)K720Control.Stx ? ReadPacket(ref reader, out frame) : ReadControl(ref reader, (K720Control)first, out frame);
            if (result is { } found)
            {
                end = reader.Position;
                return found;
            }

            reader.Rewind(reader.Consumed - startOffset);
            reader.Advance(1);
        }

        start = end = input.End;
        return K720ScanResult.NeedMore;
    }

    private bool IsAccepted(byte b) => Array.IndexOf(accepted, (K720Control)b) >= 0;

    /// <summary>Null when the bytes cannot be this frame (the start byte was garbage).</summary>
    private static K720ScanResult? ReadControl(ref SequenceReader<byte> reader, K720Control kind, out K720Frame frame)
    {
        frame = default;
        if (reader.Remaining < 3)
        {
            return K720ScanResult.NeedMore;
        }

        reader.Advance(1);
        reader.TryRead(out var high);
        reader.TryRead(out var low);
        if (!K720Address.IsDigit(high) || !K720Address.IsDigit(low))
        {
            return null;
        }

        frame = K720Frame.Control(kind, new K720Address(high, low));
        return K720ScanResult.Frame;
    }

    private static K720ScanResult? ReadPacket(ref SequenceReader<byte> reader, out K720Frame frame)
    {
        frame = default;
        Span<byte> header = stackalloc byte[5];
        if (!reader.TryCopyTo(header))
        {
            return K720ScanResult.NeedMore;
        }

        var length = (header[3] << 8) | header[4];
        if (!K720Address.IsDigit(header[1]) || !K720Address.IsDigit(header[2]) || length > K720Frame.MaxTextLength)
        {
            return null;
        }

        if (reader.Remaining < length + K720Frame.PacketOverhead)
        {
            return K720ScanResult.NeedMore;
        }

        var bytes = new byte[length + K720Frame.PacketOverhead];
        reader.TryCopyTo(bytes);
        reader.Advance(bytes.Length);
        if (bytes[^2] != (byte)K720Control.Etx || bytes[^1] != K720Frame.Bcc(bytes.AsSpan(0, bytes.Length - 1)))
        {
            return K720ScanResult.Malformed;
        }

        frame = K720Frame.Packet(new K720Address(header[1], header[2]), Encoding.Latin1.GetString(bytes, 5, length));
        return K720ScanResult.Frame;
    }
}
