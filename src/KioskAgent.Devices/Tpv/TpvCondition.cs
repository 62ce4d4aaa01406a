namespace KioskAgent.Devices.Tpv;

/// <summary>An error a terminal reported: its code in the protocol's numbering, and what it means for the kiosk.</summary>
/// <param name="Code">The protocol's code, as hex (e.g. <c>6B</c>).</param>
/// <param name="Name">Stable snake_case name for the contract's <c>errors</c> list, e.g. <c>card_reader_defective</c>.</param>
/// <param name="Text">For a human reader.</param>
/// <param name="Health">What the condition does to the terminal's usefulness.</param>
/// <param name="Action">What recovers it.</param>
public sealed record TpvFault(string Code, string Name, string Text, DeviceHealth Health, RecoveryAction Action);

/// <summary>
/// What a payment terminal said about itself, in no protocol's terms. Each protocol decodes its answers into
/// this; <see cref="ToSnapshot"/> turns it into the contract's view, so two protocols report alike.
/// </summary>
public sealed record TpvCondition
{
    /// <summary>The terminal's status text.</summary>
    public string? StatusText { get; init; }

    /// <summary>The terminal's status code, hex.</summary>
    public string? StatusCode { get; init; }

    public bool Busy { get; init; }

    public bool NeedsRegistration { get; init; }

    public bool NeedsInitialisation { get; init; }

    /// <summary>The condition that keeps the terminal from serving, if any (Busy is not a fault).</summary>
    public TpvFault? Fault { get; init; }

    public string? TerminalId { get; init; }

    public string? SoftwareVersion { get; init; }

    /// <summary>The fault, unless it only says the terminal is occupied: busy is a state, not an error.</summary>
    public TpvFault? Error => Fault is { Health: not DeviceHealth.Busy } fault ? fault : null;

    /// <summary>The contract's view. <paramref name="lastError"/> is the last error seen before, kept when none is current.</summary>
    public TpvSnapshot ToSnapshot(TpvFault? lastError)
    {
        var reported = Error ?? lastError;
        var health = Fault?.Health ?? (Busy ? DeviceHealth.Busy : DeviceHealth.Healthy);
        return new TpvSnapshot
        {
            Kind = DeviceKind.Tpv,
            Health = health,
            Errors = Error is { } error ? [new DeviceError(error.Name, $"{error.Text} (terminal code {error.Code}).", error.Action)] : [],
            TerminalStatus = StatusText,
            TerminalStatusCode = StatusCode,
            Busy = Busy || health == DeviceHealth.Busy,
            NeedsRegistration = NeedsRegistration,
            NeedsInitialisation = NeedsInitialisation,
            LastErrorCode = reported?.Code,
            LastErrorText = reported?.Text,
            TerminalId = TerminalId,
            SoftwareVersion = SoftwareVersion,
        };
    }
}
