namespace KioskAgent.Devices.Tpv;

/// <summary>
/// A card-payment terminal's detail (api.md, "Device status": tpv). Protocol-neutral: ZVT fills it today,
/// another acquirer's interface can fill it the same way (see <see cref="TpvCondition"/>).
/// </summary>
public sealed record TpvSnapshot : DeviceSnapshot
{
    /// <summary>The terminal's own status text, e.g. "PT ready", "initialisation required".</summary>
    public string? TerminalStatus { get; init; }

    /// <summary>The terminal's status code as the protocol reports it (hex, e.g. <c>00</c>, <c>51</c>), when it has one.</summary>
    public string? TerminalStatusCode { get; init; }

    /// <summary>The terminal does not accept this agent as its cash register until it registers again.</summary>
    public bool NeedsRegistration { get; init; }

    /// <summary>The terminal must be initialised with its acquirer before it can take payments.</summary>
    public bool NeedsInitialisation { get; init; }

    /// <summary>The terminal is doing something (a payment, an end-of-day, a software update).</summary>
    public bool Busy { get; init; }

    /// <summary>The last error code the terminal reported since the agent started (hex, e.g. <c>6B</c>).</summary>
    public string? LastErrorCode { get; init; }

    /// <summary>What <see cref="LastErrorCode"/> means.</summary>
    public string? LastErrorText { get; init; }

    /// <summary>The terminal id (TID), when the terminal told it.</summary>
    public string? TerminalId { get; init; }

    /// <summary>The terminal's software version, when the terminal told it.</summary>
    public string? SoftwareVersion { get; init; }

    public static TpvSnapshot Unknown { get; } = new() { Kind = DeviceKind.Tpv };
}
