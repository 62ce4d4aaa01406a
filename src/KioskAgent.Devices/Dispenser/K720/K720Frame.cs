using System.Text;

namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>The control bytes of the K720/K730/K750 serial protocol.</summary>
public enum K720Control : byte
{
    /// <summary>Start of a command or reply packet.</summary>
    Stx = 0x02,

    /// <summary>End of a packet's text; the BCC follows.</summary>
    Etx = 0x03,

    /// <summary>Host → device: cancel the command waiting for its ENQ.</summary>
    Eot = 0x04,

    /// <summary>Host → device: execute the command just acknowledged and reply.</summary>
    Enq = 0x05,

    /// <summary>Device → host: packet received intact.</summary>
    Ack = 0x06,

    /// <summary>Device → host: packet received damaged (or not understood); send it again.</summary>
    Nak = 0x15,
}

/// <summary>
/// One unit of the K720 conversation: a packet with text, or a three-byte control frame.
/// <code>
///   packet    STX ADDH ADDL LENH LENL TEXT... ETX BCC      BCC = XOR of STX..ETX
///             02  '0'  '0'  00   02   'A' 'P'  03  12      (AP status request, unit 00)
///   control   ACK|NAK|ENQ|EOT ADDH ADDL                    06 30 30 = unit 00 acknowledges
/// </code>
/// ADDH ADDL are the unit address as two ASCII digits; LEN is the big-endian byte count of TEXT.
/// Text is kept as a Latin-1 string: one char per byte, lossless, and readable in tests and logs.
/// </summary>
public readonly record struct K720Frame(K720Control Kind, K720Address Address, string Text)
{
    /// <summary>Longest text accepted; replies of this family are a few dozen bytes, so more is noise.</summary>
    public const int MaxTextLength = 512;

    /// <summary>Bytes around the text of a packet: STX, two address, two length, ETX, BCC.</summary>
    public const int PacketOverhead = 7;

    public bool IsPacket => Kind == K720Control.Stx;

    public static K720Frame Packet(K720Address address, string text) => new(K720Control.Stx, address, text);

    public static K720Frame Control(K720Control kind, K720Address address) => new(kind, address, "");

    /// <summary>The bytes on the wire.</summary>
    public byte[] Encode()
    {
        if (!IsPacket)
        {
            return [(byte)Kind, Address.High, Address.Low];
        }

        var text = Encoding.Latin1.GetBytes(Text);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(Text), text.Length, $"K720 text is limited to {MaxTextLength} bytes here.");
        }

        var bytes = new byte[text.Length + PacketOverhead];
        bytes[0] = (byte)K720Control.Stx;
        bytes[1] = Address.High;
        bytes[2] = Address.Low;
        bytes[3] = (byte)(text.Length >> 8);
        bytes[4] = (byte)text.Length;
        text.CopyTo(bytes, 5);
        bytes[^2] = (byte)K720Control.Etx;
        bytes[^1] = Bcc(bytes.AsSpan(0, bytes.Length - 1));
        return bytes;
    }

    /// <summary>Block check character: XOR of every byte from STX through ETX (the K720 manual's "BCC").</summary>
    public static byte Bcc(ReadOnlySpan<byte> stxThroughEtx)
    {
        byte bcc = 0;
        foreach (var b in stxThroughEtx)
        {
            bcc ^= b;
        }

        return bcc;
    }

    public override string ToString() => IsPacket ? $"{Text} ({Address})" : $"{Kind} ({Address})";
}

/// <summary>A unit address: two ASCII digits, <c>30 30</c> = unit 00 (set on the dispenser's DIP switches).</summary>
public readonly record struct K720Address(byte High, byte Low)
{
    public static K720Address Unit(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 99);
        return new((byte)('0' + (number / 10)), (byte)('0' + (number % 10)));
    }

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public int Number => ((High - '0') * 10) + (Low - '0');

    public override string ToString() => $"{(char)High}{(char)Low}";
}
