namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// One SSI packet, either direction (Zebra SSI Programmer's Guide, "Packet format"):
/// <code>
///   +-----+--------+--------+--------+----------------+----------+----------+
///   | LEN | OPCODE | SOURCE | STATUS | DATA (LEN - 4) | CKSUM_HI | CKSUM_LO |
///   +-----+--------+--------+--------+----------------+----------+----------+
///   LEN     bytes before the checksum (4..255)
///   SOURCE  00 decoder, 04 host
///   STATUS  bit0 retransmit, bit1 continuation, bit3 permanent (PARAM_SEND), bits 4-7 zero
///   CKSUM   16-bit two's complement of the sum of LEN..DATA, high byte first
///   e.g. REQUEST_REVISION from the host:  04 A3 04 00 FF 55
/// </code>
/// </summary>
public sealed record SsiPacket(SsiOpcode Opcode, SsiSource Source, SsiStatus Status, byte[] Data)
{
    /// <summary>LEN, OPCODE, SOURCE, STATUS.</summary>
    public const int HeaderLength = 4;

    public const int ChecksumLength = 2;

    /// <summary>LEN is one byte: at most 255 bytes before the checksum.</summary>
    public const int MaxDataLength = byte.MaxValue - HeaderLength;

    public bool IsRetransmit => (Status & SsiStatus.Retransmit) != 0;

    public bool IsContinued => (Status & SsiStatus.Continuation) != 0;

    /// <summary>Checksum per the SSI guide: the 16-bit two's complement of the byte sum of LEN..DATA.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> lengthThroughData)
    {
        var sum = 0;
        foreach (var b in lengthThroughData)
        {
            sum += b;
        }

        return (ushort)(-sum);
    }

    /// <summary>The bytes on the wire.</summary>
    public byte[] Encode()
    {
        if (Data.Length > MaxDataLength)
        {
            throw new ArgumentException($"SSI packet data is at most {MaxDataLength} bytes; split the message (continuation bit).", nameof(Data));
        }

        var length = HeaderLength + Data.Length;
        var bytes = new byte[length + ChecksumLength];
        bytes[0] = (byte)length;
        bytes[1] = (byte)Opcode;
        bytes[2] = (byte)Source;
        bytes[3] = (byte)Status;
        Data.CopyTo(bytes, HeaderLength);
        var checksum = Checksum(bytes.AsSpan(0, length));
        bytes[length] = (byte)(checksum >> 8);
        bytes[length + 1] = (byte)checksum;
        return bytes;
    }

    /// <summary>The same packet sent again after a NAK RESEND or a missing answer.</summary>
    public SsiPacket AsRetransmission() => this with { Status = Status | SsiStatus.Retransmit };

    public bool Equals(SsiPacket? other) =>
        other is not null && Opcode == other.Opcode && Source == other.Source && Status == other.Status && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Opcode, Source, Status, Data.Length);

    public override string ToString() => $"{Opcode.WireName()} from {Source} [{Status}] {Convert.ToHexString(Data)}";

    /// <summary>A host command without data (REQUEST_REVISION, SCAN_ENABLE, START_DECODE...).</summary>
    public static SsiPacket FromHost(SsiOpcode opcode, params byte[] data) => new(opcode, SsiSource.Host, SsiStatus.None, data);

    /// <summary>A decoder message.</summary>
    public static SsiPacket FromDecoder(SsiOpcode opcode, params byte[] data) => new(opcode, SsiSource.Decoder, SsiStatus.None, data);

    public static SsiPacket Ack(SsiSource from) => new(SsiOpcode.CmdAck, from, SsiStatus.None, []);

    public static SsiPacket Nak(SsiSource from, SsiNakCause cause) => new(SsiOpcode.CmdNak, from, SsiStatus.None, [(byte)cause]);
}
