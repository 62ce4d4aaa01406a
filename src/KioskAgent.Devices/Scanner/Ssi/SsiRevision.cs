using System.Text;

namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// REPLY_REVISION data: ASCII <c>S/W_REVISION &lt;sp&gt; BOARD_TYPE &lt;sp&gt; SCANNER_ID &lt;sp&gt; PGM_CHKSUM</c>
/// (fields vary by model; only the first, the software release, is relied on).
/// </summary>
public readonly record struct SsiRevision(string Text, string? Firmware)
{
    /// <summary>Longest revision text kept in a snapshot.</summary>
    public const int MaxLength = 128;

    public static SsiRevision Parse(ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder(Math.Min(data.Length, MaxLength));
        foreach (var b in data[..Math.Min(data.Length, MaxLength)])
        {
            // Only printable ASCII reaches a status reply.
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        var text = builder.ToString().Trim();
        var firmware = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return new SsiRevision(text, firmware);
    }

    public byte[] Encode() => Encoding.ASCII.GetBytes(Text);
}
