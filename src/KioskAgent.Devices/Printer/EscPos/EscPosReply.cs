using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Printer.EscPos;

/// <summary>
/// What an ESC/POS printer sends unprompted or in answer: a real-time status byte, or a 4-byte
/// Automatic Status Back block. Fixed bits tell them apart:
/// <code>
///   DLE EOT reply      0xx1 xx10   (bit0=0 bit1=1 bit4=1 bit7=0; all OK = 0x12)
///   ASB first byte     0xx1 xx00
///   ASB bytes 2..4     0xx0 xxxx
/// </code>
/// </summary>
public readonly record struct EscPosReply(byte RealTime, uint AutomaticStatus, bool IsAutomaticStatus)
{
    public static EscPosReply Status(byte value) => new(value, 0, false);

    public static EscPosReply Automatic(byte b1, byte b2, byte b3, byte b4) =>
        new(0, (uint)(b1 | (b2 << 8) | (b3 << 16) | (b4 << 24)), true);

    public byte AsbByte(int index) => (byte)(AutomaticStatus >> (8 * index));

    public static bool IsRealTimeByte(byte b) => (b & 0x93) == 0x12;

    public static bool IsAsbFirstByte(byte b) => (b & 0x93) == 0x10;

    public static bool IsAsbTrailingByte(byte b) => (b & 0x90) == 0x00;
}

/// <summary>Reads <see cref="EscPosReply"/>s, skipping bytes that fit neither pattern.</summary>
public sealed class EscPosReplyReader : IMessageReader<EscPosReply>
{
    public static readonly EscPosReplyReader Instance = new();

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out EscPosReply message)
    {
        var reader = new SequenceReader<byte>(input);
        Span<byte> block = stackalloc byte[4];
        while (reader.TryPeek(out var b))
        {
            if (EscPosReply.IsRealTimeByte(b))
            {
                reader.Advance(1);
                consumed = examined = reader.Position;
                message = EscPosReply.Status(b);
                return true;
            }

            if (EscPosReply.IsAsbFirstByte(b))
            {
                if (reader.Remaining < 4)
                {
                    consumed = reader.Position;
                    examined = input.End;
                    message = default;
                    return false;
                }

                reader.TryCopyTo(block);
                if (EscPosReply.IsAsbTrailingByte(block[1]) && EscPosReply.IsAsbTrailingByte(block[2]) && EscPosReply.IsAsbTrailingByte(block[3]))
                {
                    reader.Advance(4);
                    consumed = examined = reader.Position;
                    message = EscPosReply.Automatic(block[0], block[1], block[2], block[3]);
                    return true;
                }
            }

            reader.Advance(1);
        }

        consumed = examined = input.End;
        message = default;
        return false;
    }
}
