using System.Text;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// The APDUs a terminal sends during the conversations the agent has (the emulator builds them, the driver reads
/// them). Layouts after PA00P015; the Status-Enquiry Completion layout is spelled out on <see cref="ZvtStatusReport"/>.
/// </summary>
public static class ZvtTerminalMessages
{
    /// <summary>BMP 29: terminal id, 4 bytes BCD.</summary>
    public const byte TerminalIdBmp = 0x29;

    /// <summary>BMP 19: status byte (Registration's Completion).</summary>
    public const byte StatusByteBmp = 0x19;

    /// <summary>BMP 27: result code (Status-Information).</summary>
    public const byte ResultCodeBmp = 0x27;

    /// <summary>06 0F answering Registration: [19 status-byte] [29 TID].</summary>
    public static ZvtApdu RegistrationCompletion(byte statusByte, string terminalId) =>
        new(ZvtControlField.Completion, [StatusByteBmp, statusByte, TerminalIdBmp, .. ZvtBcd.Pack(terminalId)]);

    /// <summary>06 1E 01 xx: the terminal aborts the command with error xx.</summary>
    public static ZvtApdu Aborted(byte errorCode) => new(ZvtControlField.AbortedByTerminal, errorCode);

    /// <summary>04 FF 01 xx: intermediate status xx (e.g. 0E "please wait").</summary>
    public static ZvtApdu IntermediateStatus(byte statusCode) => new(ZvtControlField.IntermediateStatus, statusCode);

    /// <summary>04 0F 02 27 rc: status information with its result code.</summary>
    public static ZvtApdu StatusInformation(byte resultCode) => new(ZvtControlField.StatusInformation, ResultCodeBmp, resultCode);

    /// <summary>06 D1 LL attribute text: one line for the ECR's printer.</summary>
    public static ZvtApdu PrintLine(string text) => new(ZvtControlField.PrintLine, [0x00, .. Encoding.ASCII.GetBytes(text)]);

    /// <summary>BMP 49: currency code, 2 bytes BCD.</summary>
    public const byte CurrencyCodeBmp = 0x49;

    /// <summary>The TID in Registration's Completion ([19 status-byte] [29 TID] [49 CC] …), if it is there.</summary>
    public static string? TerminalIdOfRegistration(ZvtApdu completion)
    {
        var data = completion.Data;
        var i = 0;
        while (i < data.Length)
        {
            var width = data[i] switch
            {
                StatusByteBmp => 1,
                TerminalIdBmp => 4,
                CurrencyCodeBmp => 2,
                _ => -1,
            };
            if (width < 0 || i + 1 + width > data.Length)
            {
                return null;
            }

            if (data[i] == TerminalIdBmp)
            {
                return ZvtBcd.Unpack(data.AsSpan(i + 1, 4));
            }

            i += 1 + width;
        }

        return null;
    }

    /// <summary>The result code of a Status-Information, when it starts with BMP 27.</summary>
    public static byte? ResultCodeOf(ZvtApdu statusInformation) =>
        statusInformation.Data is [ResultCodeBmp, var code, ..] ? code : null;
}

/// <summary>
/// What Status-Enquiry's Completion carries (PA00P015, Status-Enquiry 05 01):
/// <code>
///   06 0F LL  [sw-version]  terminal-status-code  [29 TID]  [other BMPs…]
///             sw-version = LLVAR: F0+tens F0+units, then that many ASCII characters
///             TID        = 4 bytes packed BCD
/// </code>
/// The exact optional parts differ between terminals (*unverified*): each part is read only if present; a
/// Completion without a status code means the terminal completed the enquiry without complaint (status 00).
/// BMPs after the TID are not needed for health and are skipped.
/// </summary>
public sealed record ZvtStatusReport(string? SoftwareVersion, byte TerminalStatus, string? TerminalId)
{
    public ZvtApdu ToCompletion()
    {
        var data = new List<byte>();
        if (SoftwareVersion is { } version)
        {
            var text = Encoding.ASCII.GetBytes(version);
            if (text.Length > 99)
            {
                throw new ArgumentOutOfRangeException(nameof(SoftwareVersion), "An LLVAR holds at most 99 bytes.");
            }

            data.AddRange([(byte)(0xF0 | (text.Length / 10)), (byte)(0xF0 | (text.Length % 10)), .. text]);
        }

        data.Add(TerminalStatus);
        if (TerminalId is { } tid)
        {
            data.AddRange([ZvtTerminalMessages.TerminalIdBmp, .. ZvtBcd.Pack(tid)]);
        }

        return new ZvtApdu(ZvtControlField.Completion, [.. data]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> data, out ZvtStatusReport report, out string problem)
    {
        report = new ZvtStatusReport(null, (byte)ZvtCode.PtReady, null);
        problem = "";
        var i = 0;
        string? version = null;
        if (data.Length >= 2 && IsLengthDigit(data[0]) && IsLengthDigit(data[1]))
        {
            var length = ((data[0] & 0x0F) * 10) + (data[1] & 0x0F);
            if (data.Length < 2 + length)
            {
                problem = $"Completion announces a software version of {length} bytes but carries {data.Length - 2}.";
                return false;
            }

            version = Encoding.ASCII.GetString(data.Slice(2, length));
            i = 2 + length;
        }

        if (i == data.Length)
        {
            report = report with { SoftwareVersion = version };
            return true;
        }

        var status = data[i++];
        string? tid = null;
        if (i < data.Length && data[i] == ZvtTerminalMessages.TerminalIdBmp)
        {
            if (data.Length < i + 5)
            {
                problem = "Completion's terminal id (BMP 29) is cut short.";
                return false;
            }

            tid = ZvtBcd.Unpack(data.Slice(i + 1, 4));
        }

        report = new ZvtStatusReport(version, status, tid);
        return true;
    }

    private static bool IsLengthDigit(byte b) => b is >= 0xF0 and <= 0xF9;
}
