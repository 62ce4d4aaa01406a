using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Tpv.Zvt;

public enum ZvtBlockKind
{
    /// <summary>06: the peer took our last frame.</summary>
    Ack,

    /// <summary>15: the peer wants our last frame again.</summary>
    Nak,

    /// <summary>A complete frame with a correct CRC; <see cref="ZvtBlock.Apdu"/> holds the unstuffed APDU.</summary>
    Frame,

    /// <summary>A complete DLE STX … DLE ETX CRC block whose CRC is wrong: the receiver must answer NAK.</summary>
    CorruptFrame,
}

/// <summary>What arrives on a ZVT serial line: a link byte or a frame.</summary>
public readonly record struct ZvtBlock(ZvtBlockKind Kind, byte[] Apdu)
{
    public static ZvtBlock Ack { get; } = new(ZvtBlockKind.Ack, []);

    public static ZvtBlock Nak { get; } = new(ZvtBlockKind.Nak, []);

    public override string ToString() => Kind is ZvtBlockKind.Frame or ZvtBlockKind.CorruptFrame ? $"{Kind} {Convert.ToHexString(Apdu)}" : Kind.ToString();
}

/// <summary>
/// Finds ACK, NAK and frames in the bytes of either direction (the driver and the emulator both use it).
/// Defined outcomes for bad input:
/// <list type="bullet">
/// <item>Bytes that are neither 06, 15 nor the start of DLE STX are garbage and consumed.</item>
/// <item>A complete block with a wrong CRC is returned as <see cref="ZvtBlockKind.CorruptFrame"/> and consumed whole.
/// This departs on purpose from the IMessageReader rule "drop a bad-checksum frame by its first byte": ZVT's link layer
/// requires the receiver to answer it with NAK so that the sender repeats it, which needs the block to be seen. DLE
/// framing keeps the search synchronised without rescanning its inside.</item>
/// <item>An unescaped DLE inside the APDU: before STX it starts a new frame (the partial one is dropped); before any other
/// byte the frame is malformed and dropped by its first byte, and the search resumes right after it.</item>
/// <item>A truncated frame needs more bytes; its start is kept, the garbage before it consumed. If the rest never comes,
/// the caller's deadline decides (LinkSession: no_answer).</item>
/// <item>An APDU longer than <see cref="MaxApduLength"/> is not a frame: dropped by its first byte.</item>
/// </list>
/// </summary>
public sealed class ZvtBlockReader(ZvtFraming framing) : IMessageReader<ZvtBlock>
{
    /// <summary>No status conversation comes near it; LinkSession gives up at 4096 unparsed bytes anyway.</summary>
    public const int MaxApduLength = 4096;

    public static ZvtBlockReader Default { get; } = new(ZvtFraming.Default);

    private enum Outcome
    {
        NeedMore,
        Frame,
        Corrupt,
        NotAFrame,
        NewStart,
    }

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out ZvtBlock message)
    {
        var reader = new SequenceReader<byte>(input);
        while (reader.TryPeek(out var b))
        {
            switch (b)
            {
                case (byte)ZvtLinkByte.Ack:
                case (byte)ZvtLinkByte.Nak:
                    reader.Advance(1);
                    consumed = examined = reader.Position;
                    message = b == (byte)ZvtLinkByte.Ack ? ZvtBlock.Ack : ZvtBlock.Nak;
                    return true;
                case (byte)ZvtLinkByte.Dle:
                    var start = reader.Position;
                    var startOffset = reader.Consumed;
                    var apdu = new List<byte>();
                    switch (ReadFrame(ref reader, apdu))
                    {
                        case Outcome.NeedMore:
                            consumed = start;
                            examined = input.End;
                            message = default;
                            return false;
                        case Outcome.Frame:
                            consumed = examined = reader.Position;
                            message = new ZvtBlock(ZvtBlockKind.Frame, [.. apdu]);
                            return true;
                        case Outcome.Corrupt:
                            consumed = examined = reader.Position;
                            message = new ZvtBlock(ZvtBlockKind.CorruptFrame, [.. apdu]);
                            return true;
                        case Outcome.NotAFrame:
                            reader.Rewind(reader.Consumed - startOffset);
                            reader.Advance(1);
                            break;
                        case Outcome.NewStart:
                            break;
                    }

                    break;
                default:
                    reader.Advance(1);
                    break;
            }
        }

        consumed = examined = input.End;
        message = default;
        return false;
    }

    /// <summary>Reads one frame from its DLE; on <see cref="Outcome.NewStart"/> the reader stands on the new DLE STX.</summary>
    private Outcome ReadFrame(ref SequenceReader<byte> reader, List<byte> apdu)
    {
        reader.Advance(1);
        if (!reader.TryRead(out var stx))
        {
            return Outcome.NeedMore;
        }

        if (stx != (byte)ZvtLinkByte.Stx)
        {
            return Outcome.NotAFrame;
        }

        while (true)
        {
            if (!reader.TryRead(out var b))
            {
                return Outcome.NeedMore;
            }

            if (b != (byte)ZvtLinkByte.Dle)
            {
                if (apdu.Count == MaxApduLength)
                {
                    return Outcome.NotAFrame;
                }

                apdu.Add(b);
                continue;
            }

            if (!reader.TryRead(out var escaped))
            {
                return Outcome.NeedMore;
            }

            switch (escaped)
            {
                case (byte)ZvtLinkByte.Dle:
                    apdu.Add(b);
                    continue;
                case (byte)ZvtLinkByte.Stx:
                    reader.Rewind(2);
                    return Outcome.NewStart;
                case (byte)ZvtLinkByte.Etx:
                    break;
                default:
                    return Outcome.NotAFrame;
            }

            break;
        }

        if (!TryReadCrcByte(ref reader, out var low, out var malformed) || !TryReadCrcByte(ref reader, out var high, out malformed))
        {
            return malformed ? Outcome.NotAFrame : Outcome.NeedMore;
        }

        var expected = ZvtCrc.OfFrame(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(apdu));
        return (ushort)(low | (high << 8)) == expected ? Outcome.Frame : Outcome.Corrupt;
    }

    private bool TryReadCrcByte(ref SequenceReader<byte> reader, out byte value, out bool malformed)
    {
        malformed = false;
        if (!reader.TryRead(out value))
        {
            return false;
        }

        if (!framing.CrcStuffed || value != (byte)ZvtLinkByte.Dle)
        {
            return true;
        }

        if (!reader.TryRead(out var second))
        {
            return false;
        }

        malformed = second != (byte)ZvtLinkByte.Dle;
        return !malformed;
    }
}
