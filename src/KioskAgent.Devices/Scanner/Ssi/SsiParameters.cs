namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// PARAM_SEND / PARAM_REQUEST data. PARAM_SEND: <c>BEEP_CODE (NUM VALUE)...</c>, <c>FF</c> = no beep; the STATUS
/// bit 3 makes the change permanent. PARAM_REQUEST: <c>NUM...</c>, <c>FE</c> = all. Only one-byte parameter
/// numbers are handled (<c>F0</c>..<c>F2</c> prefix extended numbers: refused here). The decoder's reply to
/// PARAM_REQUEST uses the PARAM_SEND layout, beep code included (unverified: see README).
/// </summary>
public static class SsiParameters
{
    public const byte NoBeep = 0xFF;

    public const byte AllParameters = 0xFE;

    /// <summary>At and above this, a byte prefixes an extended parameter number.</summary>
    public const byte FirstExtendedPrefix = 0xF0;

    public static byte[] EncodeSend(IEnumerable<KeyValuePair<byte, byte>> values, byte beep = NoBeep)
    {
        var data = new List<byte> { beep };
        foreach (var (number, value) in values)
        {
            if (number >= FirstExtendedPrefix)
            {
                throw new ArgumentOutOfRangeException(nameof(values), number, "Extended parameter numbers are not supported.");
            }

            data.Add(number);
            data.Add(value);
        }

        return [.. data];
    }

    /// <summary>False when the data is not a beep code followed by whole one-byte number/value pairs.</summary>
    public static bool TryDecodeSend(ReadOnlySpan<byte> data, out Dictionary<byte, byte> values)
    {
        values = [];
        if (data.Length < 1 || (data.Length - 1) % 2 != 0)
        {
            return false;
        }

        for (var i = 1; i < data.Length; i += 2)
        {
            if (data[i] >= FirstExtendedPrefix)
            {
                return false;
            }

            values[data[i]] = data[i + 1];
        }

        return true;
    }
}
