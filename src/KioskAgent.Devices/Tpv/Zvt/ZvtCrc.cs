namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// The ZVT frame check: CRC-16/KERMIT (CCITT polynomial 0x1021 processed reflected as 0x8408, initial value 0,
/// no final XOR) over the unstuffed APDU bytes plus the ETX byte, sent low byte first (PA00P016, "Transport
/// protocol": CRC-CCITT). Check value over ASCII "123456789": 0x2189.
/// </summary>
public static class ZvtCrc
{
    private const ushort ReflectedPolynomial = 0x8408;

    public static ushort Compute(ReadOnlySpan<byte> bytes, ushort crc = 0)
    {
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ ReflectedPolynomial) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }

    /// <summary>The check of one frame: over the APDU, then ETX.</summary>
    public static ushort OfFrame(ReadOnlySpan<byte> apdu) => Compute([(byte)ZvtLinkByte.Etx], Compute(apdu));
}
