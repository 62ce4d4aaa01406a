namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// The SSP packet CRC: CRC-16, polynomial 0x8005, initial value 0xFFFF, not reflected, no final XOR
/// (ITL "SSP Implementation Guide", packet format; the CRC-16/CMS parameters). Check value over
/// ASCII "123456789" = 0xAEE7 (protocols.md). Sent low byte first.
/// </summary>
public static class SspCrc
{
    private const ushort Polynomial = 0x8005;
    private const ushort Seed = 0xFFFF;

    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = Seed;
        foreach (var b in bytes)
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
            }
        }

        return crc;
    }
}
