namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// An application protocol data unit (PA00P015, "APDU"):
/// <code>
///   CLASS INSTR LEN DATA…               LEN 00..FE: the data length
///   CLASS INSTR FF  LL HH DATA…          LEN FF: a two-byte little-endian length follows
/// </code>
/// </summary>
public sealed record ZvtApdu(byte Class, byte Instruction, byte[] Data)
{
    /// <summary>The one-byte length form stops here; longer data takes FF + two bytes.</summary>
    public const int LongLengthMarker = 0xFF;

    public ZvtApdu(ZvtControlField controlField, params byte[] data)
        : this((byte)((ushort)controlField >> 8), (byte)controlField, data)
    {
    }

    public ZvtControlField ControlField => (ZvtControlField)((Class << 8) | Instruction);

    public bool Is(ZvtControlField controlField) => ControlField == controlField;

    /// <summary>80 00 00: accepted / taken.</summary>
    public bool IsPositiveAcknowledgement => Is(ZvtControlField.PositiveAcknowledgement);

    /// <summary>84 xx: refused with error xx (84 00 is a positive acknowledgement in some terminals' dialect).</summary>
    public bool IsNegativeAcknowledgement => Class == ZvtClass.NegativeAcknowledgement && Instruction != 0x00;

    public byte[] Encode()
    {
        if (Data.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Data), Data.Length, "An APDU carries at most 65535 data bytes.");
        }

        var header = Data.Length < LongLengthMarker
            ? new[] { Class, Instruction, (byte)Data.Length }
            : [Class, Instruction, LongLengthMarker, (byte)Data.Length, (byte)(Data.Length >> 8)];
        return [.. header, .. Data];
    }

    /// <summary>Decodes an unstuffed APDU; the length field must match the bytes exactly.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out ZvtApdu apdu, out string problem)
    {
        apdu = null!;
        if (bytes.Length < 3)
        {
            problem = $"APDU of {bytes.Length} bytes is shorter than CLASS INSTR LEN.";
            return false;
        }

        var headerLength = 3;
        int length = bytes[2];
        if (length == LongLengthMarker)
        {
            if (bytes.Length < 5)
            {
                problem = "APDU announces a two-byte length (LEN FF) but ends before it.";
                return false;
            }

            headerLength = 5;
            length = bytes[3] | (bytes[4] << 8);
        }

        if (bytes.Length - headerLength != length)
        {
            problem = $"APDU announces {length} data bytes but carries {bytes.Length - headerLength}.";
            return false;
        }

        apdu = new ZvtApdu(bytes[0], bytes[1], bytes[headerLength..].ToArray());
        problem = "";
        return true;
    }

    public override string ToString() => $"{Class:X2} {Instruction:X2} [{Convert.ToHexString(Data)}]";
}
