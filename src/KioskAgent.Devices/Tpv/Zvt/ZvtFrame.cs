using System.Buffers;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// One ZVT transport frame over RS-232 (PA00P016):
/// <code>
///   DLE  STX  APDU…  DLE  ETX  CRCL  CRCH
///   10   02   …      10   03   xx    xx
///
///   APDU = CLASS INSTR LEN DATA…      (LEN FF → two more bytes, little-endian length)
///   every 10 inside the APDU is sent doubled (10 10)
///   CRC  = CRC-16/KERMIT over the unstuffed APDU + ETX, low byte first
/// </code>
/// Whether a 10 among the CRC bytes is doubled too is not settled by public sources (protocols.md:
/// *unverified*). The vector <c>10 02 05 01 00 10 03 10 06</c> sends a CRC low byte of 10 single, so
/// <see cref="ZvtFraming.CrcStuffed"/> defaults to false; it is configuration (ZvtOptions.CrcBytesStuffed).
/// </summary>
public static class ZvtFrame
{
    /// <summary>Builds the frame carrying <paramref name="apdu"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> apdu, ZvtFraming framing)
    {
        var output = new ArrayBufferWriter<byte>(apdu.Length + 10);
        output.Write([(byte)ZvtLinkByte.Dle, (byte)ZvtLinkByte.Stx]);
        foreach (var b in apdu)
        {
            WriteStuffed(output, b, stuff: true);
        }

        output.Write([(byte)ZvtLinkByte.Dle, (byte)ZvtLinkByte.Etx]);
        var crc = ZvtCrc.OfFrame(apdu);
        WriteStuffed(output, (byte)crc, framing.CrcStuffed);
        WriteStuffed(output, (byte)(crc >> 8), framing.CrcStuffed);
        return output.WrittenSpan.ToArray();
    }

    private static void WriteStuffed(ArrayBufferWriter<byte> output, byte b, bool stuff)
    {
        if (stuff && b == (byte)ZvtLinkByte.Dle)
        {
            output.Write([(byte)ZvtLinkByte.Dle, (byte)ZvtLinkByte.Dle]);
        }
        else
        {
            output.Write([b]);
        }
    }
}

/// <summary>The framing choices that the specification leaves open.</summary>
/// <param name="CrcStuffed">A 10 among the two CRC bytes is sent doubled.</param>
public readonly record struct ZvtFraming(bool CrcStuffed)
{
    /// <summary>CRC bytes sent as they are (the protocols.md vectors).</summary>
    public static ZvtFraming Default => new(false);
}
