using System.Buffers.Binary;
using System.Text;

namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// Decoding (driver) and encoding (emulator) of the identity replies, the bytes after <c>F0</c>.
/// <code>
///   SETUP_REQUEST (validator, protocol &lt; 6 layout):
///     unit type (1) │ firmware (4 ASCII) │ country (3 ASCII) │ value multiplier (3, big-endian)
///     │ n channels (1) │ channel values (n) │ channel security (n) │ real value multiplier (3) │ protocol version (1)
///     (protocol 6+ validators append more fields; they are ignored)
///   SERIAL NUMBER: 4 bytes, big-endian
///   FIRMWARE:      ASCII, e.g. "NV02004141498000"
/// </code>
/// </summary>
public static class SspIdentity
{
    public static bool TryDecodeSetup(ReadOnlySpan<byte> data, out BillReaderSetup setup, out string firmware)
    {
        setup = null!;
        firmware = "";
        if (data.Length < 12)
        {
            return false;
        }

        var channels = data[11];
        if (data.Length < 16 + 2 * channels || !IsPrintable(data.Slice(1, 7)))
        {
            return false;
        }

        firmware = Encoding.ASCII.GetString(data.Slice(1, 4));
        var values = new int[channels];
        for (var i = 0; i < channels; i++)
        {
            values[i] = data[12 + i];
        }

        setup = new BillReaderSetup(data[0], Encoding.ASCII.GetString(data.Slice(5, 3)), values, data[15 + 2 * channels]);
        return true;
    }

    public static byte[] EncodeSetup(BillReaderSetup setup, string firmware4, int valueMultiplier)
    {
        var n = setup.ChannelValues.Count;
        var bytes = new byte[16 + 2 * n];
        bytes[0] = (byte)setup.UnitType;
        Encoding.ASCII.GetBytes(firmware4.PadRight(4).AsSpan(0, 4), bytes.AsSpan(1, 4));
        Encoding.ASCII.GetBytes(setup.CountryCode.PadRight(3).AsSpan(0, 3), bytes.AsSpan(5, 3));
        WriteUInt24(bytes.AsSpan(8, 3), valueMultiplier);
        bytes[11] = (byte)n;
        for (var i = 0; i < n; i++)
        {
            bytes[12 + i] = (byte)setup.ChannelValues[i];
            bytes[12 + n + i] = 2; // channel security: the manual's "normal"
        }

        WriteUInt24(bytes.AsSpan(12 + 2 * n, 3), valueMultiplier);
        bytes[15 + 2 * n] = (byte)setup.ProtocolVersion;
        return bytes;
    }

    public static bool TryDecodeSerialNumber(ReadOnlySpan<byte> data, out string serial)
    {
        serial = data.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(data).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return data.Length == 4;
    }

    public static byte[] EncodeSerialNumber(uint serial)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, serial);
        return bytes;
    }

    public static bool TryDecodeFirmware(ReadOnlySpan<byte> data, out string firmware)
    {
        var text = data.TrimEnd((byte)0);
        firmware = text.Length > 0 && IsPrintable(text) ? Encoding.ASCII.GetString(text).Trim() : "";
        return firmware.Length > 0;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)(value >> 16);
        target[1] = (byte)(value >> 8);
        target[2] = (byte)value;
    }
}
