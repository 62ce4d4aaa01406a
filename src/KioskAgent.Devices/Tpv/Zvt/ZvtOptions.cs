namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// ZVT settings (bound from <c>Kiosks:N:Tpv:Zvt</c>). Times are TimeSpans like every other device's
/// (<c>"00:00:05"</c>); a payment terminal is polled every few seconds, never flooded. Defaults suit a real terminal; the *unverified* protocol points are here
/// so a site can match its terminal without a code change (README.md).
/// </summary>
public sealed class ZvtOptions
{
    /// <summary>Time between two Status-Enquiries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the link-level ACK/NAK of a frame.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a restart, how long a listening terminal takes to send its first byte (the link-level ACK of the
    /// Registration or Status-Enquiry) before a probe attempt is abandoned as lost to a booting terminal. The ACK
    /// comes before any processing, so it is short; an attempt that heard the ACK is never cut, however long the
    /// Registration takes. Empty: never cut (every lost probe waits <see cref="AckTimeout"/>).
    /// </summary>
    public TimeSpan? QuickProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait for 80 00 00 (or 84 xx 00) after a command: "about 5 s" in the specification.</summary>
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>From acceptance to Completion/Abort, intermediate messages included.</summary>
    public TimeSpan CompletionTimeout { get; set; } = TimeSpan.FromSeconds(30);

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

    public ZvtFraming Framing => new(CrcBytesStuffed);

    public IEnumerable<string> Validate(string prefix)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(200))
        {
            yield return $"{prefix}:PollInterval must be at least 00:00:00.2 (00:00:05 suits a real terminal).";
        }

        if (AckTimeout <= TimeSpan.Zero || AcceptTimeout <= TimeSpan.Zero || CompletionTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:AckTimeout, AcceptTimeout and CompletionTimeout must be positive.";
        }

        if (QuickProbeTimeout is { } quick && (quick <= TimeSpan.Zero || quick > AckTimeout))
        {
            yield return $"{prefix}:QuickProbeTimeout must be positive and at most AckTimeout ({AckTimeout}), or empty to turn it off.";
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
