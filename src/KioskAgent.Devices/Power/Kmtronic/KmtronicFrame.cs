using System.Buffers;
using KioskAgent.Devices.Codecs;

namespace KioskAgent.Devices.Power.Kmtronic;

/// <summary>
/// KMtronic USB relay board frames: three bytes, both directions.
/// <code>
///   FF  nn  vv      nn = channel (1-based), vv = 00 off / 01 on / 03 status request
///   host → board:  FF 01 01 (relay 1 on)   FF 01 00 (off)   FF 01 03 (status?)
///   board → host:  FF 01 0x (status reply, x = 1 on, 0 off)
/// </code>
/// </summary>
public readonly record struct KmtronicFrame(byte Channel, byte Value)
{
    public const byte Start = 0xFF;
    public const byte Off = 0x00;
    public const byte On = 0x01;
    public const byte StatusRequest = 0x03;

    /// <summary>Boards with up to 8 channels are common; 16 is the largest of the family.</summary>
    public const int MaxChannel = 16;

    public static byte[] Switch(int channel, bool on) => [Start, checked((byte)channel), on ? On : Off];

    public static byte[] RequestStatus(int channel) => [Start, checked((byte)channel), StatusRequest];
}

/// <summary>
/// Finds <see cref="KmtronicFrame"/>s in a byte stream. Bytes that cannot start a frame are skipped; a frame
/// whose channel or value is out of range is skipped from its start byte on.
/// </summary>
/// <param name="acceptedValues">Values valid in this direction (replies: 0/1; commands: 0/1/3).</param>
public sealed class KmtronicFrameReader(params byte[] acceptedValues) : IMessageReader<KmtronicFrame>
{
    /// <summary>What a board sends back.</summary>
    public static readonly KmtronicFrameReader Replies = new(KmtronicFrame.Off, KmtronicFrame.On);

    /// <summary>What a host sends.</summary>
    public static readonly KmtronicFrameReader Commands = new(KmtronicFrame.Off, KmtronicFrame.On, KmtronicFrame.StatusRequest);

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out KmtronicFrame message)
    {
        var reader = new SequenceReader<byte>(input);
        while (reader.TryAdvanceTo(KmtronicFrame.Start, advancePastDelimiter: false))
        {
            var frameStart = reader.Position;
            if (reader.Remaining < 3)
            {
                consumed = frameStart;
                examined = input.End;
                message = default;
                return false;
            }

            reader.Advance(1);
            reader.TryRead(out var channel);
            reader.TryRead(out var value);
            if (channel is >= 1 and <= KmtronicFrame.MaxChannel && Array.IndexOf(acceptedValues, value) >= 0)
            {
                consumed = reader.Position;
                examined = consumed;
                message = new KmtronicFrame(channel, value);
                return true;
            }

            reader.Rewind(2);
        }

        consumed = input.End;
        examined = input.End;
        message = default;
        return false;
    }
}
