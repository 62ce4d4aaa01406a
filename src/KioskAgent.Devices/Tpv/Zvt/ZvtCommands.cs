namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>The APDUs the agent (the ECR) sends, after PA00P015.</summary>
public static class ZvtCommands
{
    /// <summary>05 01: Status-Enquiry, optionally with the 3-byte BCD password.</summary>
    public static ZvtApdu StatusEnquiry(string? password) =>
        password is null ? new(ZvtControlField.StatusEnquiry) : new(ZvtControlField.StatusEnquiry, ZvtBcd.Pack(password));

    /// <summary>06 00: Registration: &lt;password&gt; &lt;config-byte&gt; &lt;currency code&gt;.</summary>
    public static ZvtApdu Registration(string password, byte configByte, int currencyCode) =>
        new(ZvtControlField.Registration, [.. ZvtBcd.Pack(password), configByte, .. ZvtBcd.Pack(currencyCode.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>06 02: Log-Off.</summary>
    public static ZvtApdu LogOff() => new(ZvtControlField.LogOff);

    /// <summary>06 B0: Abort the command the terminal is executing.</summary>
    public static ZvtApdu Abort() => new(ZvtControlField.Abort);

    /// <summary>80 00 00: the ECR took the terminal's message (and the terminal's answer to a command it accepts).</summary>
    public static ZvtApdu PositiveAcknowledgement() => new(ZvtControlField.PositiveAcknowledgement);

    /// <summary>84 xx 00: refused with error <paramref name="code"/>.</summary>
    public static ZvtApdu NegativeAcknowledgement(byte code) => new(ZvtClass.NegativeAcknowledgement, code, []);
}
