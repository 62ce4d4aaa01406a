namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>Packed BCD as ZVT uses it for the password, the currency code and the terminal id.</summary>
public static class ZvtBcd
{
    /// <summary>Packs decimal digits two per byte; an odd count gets a leading zero.</summary>
    public static byte[] Pack(string digits)
    {
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{digits}' is not a string of decimal digits.", nameof(digits));
        }

        if (digits.Length % 2 != 0)
        {
            digits = "0" + digits;
        }

        var packed = new byte[digits.Length / 2];
        for (var i = 0; i < packed.Length; i++)
        {
            packed[i] = (byte)(((digits[2 * i] - '0') << 4) | (digits[(2 * i) + 1] - '0'));
        }

        return packed;
    }

    /// <summary>The digits of packed BCD; nibbles above 9 are shown as hex, as terminals sometimes pad with F.</summary>
    public static string Unpack(ReadOnlySpan<byte> packed) => Convert.ToHexString(packed);
}
