namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// ZVT settings (bound from <c>Kiosks:N:Tpv:Zvt</c>). Times are in seconds, not milliseconds: a payment terminal
/// is polled every few seconds, never flooded. Defaults suit a real terminal; the *unverified* protocol points are here
/// so a site can match its terminal without a code change (README.md).
/// </summary>
public sealed class ZvtOptions
{
    /// <summary>Seconds between two Status-Enquiries.</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds to wait for the link-level ACK/NAK of a frame.</summary>
    public double AckTimeoutSeconds { get; set; } = 2;

    /// <summary>Seconds to wait for 80 00 00 (or 84 xx 00) after a command: "about 5 s" in the specification.</summary>
    public double AcceptTimeoutSeconds { get; set; } = 5;

    /// <summary>Seconds from acceptance to Completion/Abort, intermediate messages included.</summary>
    public double CompletionTimeoutSeconds { get; set; } = 30;

    /// <summary>How often a frame is repeated after NAK (and how many corrupt frames are NAKed) before giving up.</summary>
    public int MaxRetransmissions { get; set; } = 2;

    /// <summary>Whether a 10 among the two CRC bytes is doubled (*unverified*; the documented vectors say no).</summary>
    public bool CrcBytesStuffed { get; set; }

    /// <summary>Send Status-Enquiry with the password (some terminals require it; the documented vector has none).</summary>
    public bool PasswordInStatusEnquiry { get; set; }

    /// <summary>Register (06 00) each time the link opens, as an ECR does after connecting or a terminal power-up.</summary>
    public bool RegisterOnConnect { get; set; } = true;

    /// <summary>The terminal's password: six digits, sent as 3 bytes BCD.</summary>
    public string Password { get; set; } = "000000";

    /// <summary>
    /// Registration config byte. Default 08: the ECR wants intermediate status; the terminal prints its own
    /// receipts and keeps its own payment and administration functions (PA00P015, Registration).
    /// </summary>
    public byte RegistrationConfigByte { get; set; } = 0x08;

    /// <summary>ISO 4217 numeric currency (978 = EUR).</summary>
    public int CurrencyCode { get; set; } = 978;

    /// <summary>Restart without a relay: Abort (06 B0) then Log-Off (06 02); the reconnection registers again.</summary>
    public bool SoftReset { get; set; } = true;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollIntervalSeconds);

    public TimeSpan AckTimeout => TimeSpan.FromSeconds(AckTimeoutSeconds);

    public TimeSpan AcceptTimeout => TimeSpan.FromSeconds(AcceptTimeoutSeconds);

    public TimeSpan CompletionTimeout => TimeSpan.FromSeconds(CompletionTimeoutSeconds);

    public ZvtFraming Framing => new(CrcBytesStuffed);

    public IEnumerable<string> Validate(string prefix)
    {
        if (!(PollIntervalSeconds >= 0.2))
        {
            yield return $"{prefix}:PollIntervalSeconds must be at least 0.2 (seconds; 5 suits a real terminal).";
        }

        if (!(AckTimeoutSeconds > 0) || !(AcceptTimeoutSeconds > 0) || !(CompletionTimeoutSeconds > 0))
        {
            yield return $"{prefix}:AckTimeoutSeconds, AcceptTimeoutSeconds and CompletionTimeoutSeconds must be positive.";
        }

        if (MaxRetransmissions is < 0 or > 10)
        {
            yield return $"{prefix}:MaxRetransmissions {MaxRetransmissions} is outside 0..10.";
        }

        if (Password.Length != 6 || !Password.All(char.IsAsciiDigit))
        {
            yield return $"{prefix}:Password must be six digits.";
        }

        if (CurrencyCode is < 1 or > 999)
        {
            yield return $"{prefix}:CurrencyCode {CurrencyCode} is not an ISO 4217 numeric code.";
        }
    }
}
