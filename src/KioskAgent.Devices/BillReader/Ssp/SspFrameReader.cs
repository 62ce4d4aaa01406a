using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// Finds <see cref="SspFrame"/>s in a byte stream (both directions: the driver reads replies, the emulator
/// commands). Undoes the 7F stuffing, checks LEN and the CRC.
/// </summary>
/// <remarks>
/// A lone 7F inside a candidate (7F not followed by 7F) means a new packet started there, so the candidate is
/// abandoned. A candidate that fails (bad CRC, LEN 0, lone 7F) is dropped by its STX only and the search goes
/// on inside it. Because the length byte can be garbage too, a candidate still waiting for bytes does not block
/// a complete valid packet behind it: the later packet is returned and the stuck candidate dropped.
/// </remarks>
public sealed class SspFrameReader : IMessageReader<SspFrame>
{
    public static readonly SspFrameReader Instance = new();

    /// <summary>SEQID, LEN, 255 data bytes, CRCL, CRCH.</summary>
    private const int MaxBody = SspFrame.MaxDataLength + 4;

    private enum Candidate
    {
        Frame,
        NeedMore,
        Invalid,
    }

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out SspFrame message)
    {
        var reader = new SequenceReader<byte>(input);
        SequencePosition? waiting = null;
        Span<byte> body = stackalloc byte[MaxBody];
        while (reader.TryAdvanceTo(SspFrame.Stx, advancePastDelimiter: false))
        {
            var start = reader.Position;
            var attempt = reader;
            attempt.Advance(1);
            switch (TryDecode(ref attempt, body, out var length))
            {
                case Candidate.Frame:
                    consumed = examined = attempt.Position;
                    message = new SspFrame(body[0], body.Slice(2, length - 4).ToArray());
                    return true;
                case Candidate.NeedMore:
                    waiting ??= start;
                    break;
            }

            reader.Advance(1);
        }

        consumed = waiting ?? input.End;
        examined = input.End;
        message = null!;
        return false;
    }

    /// <summary>Decodes SEQID..CRCH after an STX, unstuffing; <paramref name="length"/> is the body length.</summary>
    private static Candidate TryDecode(ref SequenceReader<byte> reader, scoped Span<byte> body, out int length)
    {
        length = 0;
        var needed = 2;
        while (length < needed)
        {
            if (!reader.TryRead(out var b))
            {
                return Candidate.NeedMore;
            }

            if (b == SspFrame.Stx)
            {
                if (!reader.TryPeek(out var next))
                {
                    return Candidate.NeedMore;
                }

                if (next != SspFrame.Stx)
                {
                    return Candidate.Invalid; // a lone 7F: another packet starts here
                }

                reader.Advance(1);
            }

            body[length++] = b;
            if (length == 2)
            {
                if (body[1] == 0)
                {
                    return Candidate.Invalid;
                }

                needed = body[1] + 4;
            }
        }

        var crc = (ushort)(body[length - 2] | (body[length - 1] << 8));
        return SspCrc.Compute(body[..(length - 2)]) == crc ? Candidate.Frame : Candidate.Invalid;
    }
}
