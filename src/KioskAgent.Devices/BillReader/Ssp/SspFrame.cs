namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// One SSP packet, either direction.
/// <code>
///   7F   SEQID   LEN   DATA[LEN]   CRCL CRCH
///   STX  │             │           └ CRC-16 (SspCrc) over SEQID LEN DATA, computed before stuffing
///        │             └ first byte: command (host) or generic reply (slave)
///        └ bit7 = sequence flag, bits 0..6 = slave address (validators: 0)
///   Every 7F after the STX is sent doubled (7F 7F), the CRC bytes included.
/// </code>
/// </summary>
public sealed record SspFrame(byte SeqId, byte[] Data)
{
    public const byte Stx = 0x7F;
    public const byte SequenceFlagBit = 0x80;
    public const int MaxDataLength = 255;

    public byte Address => (byte)(SeqId & 0x7F);

    public bool SequenceFlag => (SeqId & SequenceFlagBit) != 0;

    public static byte SeqIdOf(byte address, bool sequenceFlag) => (byte)((address & 0x7F) | (sequenceFlag ? SequenceFlagBit : 0));

    public byte[] Encode() => Encode(SeqId, Data);

    /// <summary>The bytes on the wire: STX, then SEQID LEN DATA CRC with every 7F doubled.</summary>
    public static byte[] Encode(byte seqId, ReadOnlySpan<byte> data)
    {
        if (data.Length is 0 or > MaxDataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "SSP data is 1..255 bytes.");
        }

        Span<byte> body = stackalloc byte[data.Length + 4];
        body[0] = seqId;
        body[1] = (byte)data.Length;
        data.CopyTo(body[2..]);
        var crc = SspCrc.Compute(body[..^2]);
        body[^2] = (byte)crc;
        body[^1] = (byte)(crc >> 8);

        var wire = new List<byte>(body.Length * 2 + 1) { Stx };
        foreach (var b in body)
        {
            wire.Add(b);
            if (b == Stx)
            {
                wire.Add(Stx);
            }
        }

        return [.. wire];
    }

    public bool Equals(SspFrame? other) =>
        other is not null && SeqId == other.SeqId && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(SeqId, Data.Length, Data.Length > 0 ? Data[0] : 0);

    public override string ToString() => $"SspFrame(seq {(SequenceFlag ? 1 : 0)}, addr {Address}, {Convert.ToHexString(Data)})";
}
