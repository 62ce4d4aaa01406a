using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>What the bytes at one position are.</summary>
public enum SsiFrameCheck
{
    /// <summary>A plausible header, not all bytes yet.</summary>
    NeedMore,

    /// <summary>This byte cannot start a packet from the expected source (skip it).</summary>
    NotAFrame,

    /// <summary>A complete packet whose checksum does not match (a receiver NAKs it with RESEND).</summary>
    BadChecksum,

    /// <summary>A complete, valid packet.</summary>
    Valid,
}

/// <summary>
/// Finds <see cref="SsiPacket"/>s sent by one side. A position starts a packet only if LEN ≥ 4, SOURCE is the
/// expected sender and STATUS has its unused bits clear; this keeps a garbage byte from holding the search
/// hostage while it waits for a length it made up. A packet with a bad checksum is dropped by its first byte.
/// </summary>
/// <param name="from">The side whose packets this reader accepts (the other side's echoes are skipped).</param>
public sealed class SsiPacketReader(SsiSource from) : IMessageReader<SsiPacket>
{
    /// <summary>What the agent reads: the decoder's packets.</summary>
    public static readonly SsiPacketReader FromDecoder = new(SsiSource.Decoder);

    /// <summary>What the emulator reads: the host's packets.</summary>
    public static readonly SsiPacketReader FromHost = new(SsiSource.Host);

    /// <summary>Classifies the bytes at the start of <paramref name="bytes"/>; <paramref name="frameLength"/> is LEN + 2 when known.</summary>
    public SsiFrameCheck Inspect(ReadOnlySpan<byte> bytes, out int frameLength)
    {
        frameLength = 0;
        if (bytes.IsEmpty)
        {
            return SsiFrameCheck.NeedMore;
        }

        int length = bytes[0];
        if (length < SsiPacket.HeaderLength
            || (bytes.Length > 2 && bytes[2] != (byte)from)
            || (bytes.Length > 3 && (bytes[3] & 0xF0) != 0))
        {
            return SsiFrameCheck.NotAFrame;
        }

        frameLength = length + SsiPacket.ChecksumLength;
        if (bytes.Length < frameLength)
        {
            return SsiFrameCheck.NeedMore;
        }

        var expected = SsiPacket.Checksum(bytes[..length]);
        var actual = (ushort)((bytes[length] << 8) | bytes[length + 1]);
        return expected == actual ? SsiFrameCheck.Valid : SsiFrameCheck.BadChecksum;
    }

    /// <summary>Decodes a frame that <see cref="Inspect"/> called valid.</summary>
    public static SsiPacket Decode(ReadOnlySpan<byte> frame) =>
        new((SsiOpcode)frame[1], (SsiSource)frame[2], (SsiStatus)frame[3], frame[SsiPacket.HeaderLength..frame[0]].ToArray());

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out SsiPacket message)
    {
        // A packet is at most 257 bytes: copying the candidate bytes keeps the checks on one span.
        Span<byte> window = stackalloc byte[byte.MaxValue + SsiPacket.ChecksumLength];
        var reader = new SequenceReader<byte>(input);
        while (!reader.End)
        {
            var available = (int)Math.Min(reader.Remaining, window.Length);
            var candidate = window[..available];
            reader.TryCopyTo(candidate);
            switch (Inspect(candidate, out var frameLength))
            {
                case SsiFrameCheck.Valid:
                    message = Decode(candidate[..frameLength]);
                    reader.Advance(frameLength);
                    consumed = examined = reader.Position;
                    return true;
                case SsiFrameCheck.NeedMore:
                    consumed = reader.Position;
                    examined = input.End;
                    message = null!;
                    return false;
                default:
                    reader.Advance(1);
                    break;
            }
        }

        consumed = examined = input.End;
        message = null!;
        return false;
    }
}
