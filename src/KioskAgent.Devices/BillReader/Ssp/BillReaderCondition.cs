namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// The bill reader's condition as built up from POLL events. SSP events are edges (the cash box is reported
/// removed once, then nothing until it is replaced), so the state is kept across polls and across reconnects
/// of the link: a new connection does not make the validator repeat what it already reported.
/// </summary>
/// <remarks>
/// Decisions (README.md): <c>E8</c> disabled and <c>B6</c> initialising are repeated by the validator on every
/// poll while true, so they are read as levels from the latest poll. A slave reset (<c>F1</c>) clears the jam,
/// the fraud warning and the note path (the validator re-reports what persists), but not the cash box: only
/// <c>E3</c>/<c>E4</c> (taken out, put back) change a full or missing box, and a box put back counts as emptied.
/// </remarks>
public sealed class BillReaderCondition
{
    public CashboxState Cashbox { get; private set; } = CashboxState.Unknown;

    public NoteJam Jam { get; private set; }

    public bool Disabled { get; private set; }

    public bool Initialising { get; private set; }

    public bool FraudAttempt { get; private set; }

    public byte FraudChannel { get; private set; }

    public bool ResetSeen { get; private set; }

    public bool NoteInPath { get; private set; }

    public int? LastCreditChannel { get; private set; }

    /// <summary>A new link session: the reset flag describes one connection; everything else persists.</summary>
    public void StartConnection() => ResetSeen = false;

    /// <summary>Applies one POLL reply's events, in order.</summary>
    public void Apply(IReadOnlyList<SspPollEvent> events)
    {
        if (Cashbox == CashboxState.Unknown)
        {
            Cashbox = CashboxState.Ok; // answering without reporting a missing or full box
        }

        Disabled = false;
        Initialising = false;
        foreach (var ev in events)
        {
            Apply(ev);
        }
    }

    private void Apply(SspPollEvent ev)
    {
        switch (ev.Code)
        {
            case SspEvent.SlaveReset:
                ResetSeen = true;
                Jam = NoteJam.None;
                FraudAttempt = false;
                NoteInPath = false;
                break;
            case SspEvent.Disabled:
                Disabled = true;
                break;
            case SspEvent.Initialising:
                Initialising = true;
                break;
            case SspEvent.StackerFull:
                if (Cashbox != CashboxState.Removed)
                {
                    Cashbox = CashboxState.Full;
                }

                break;
            case SspEvent.CashboxRemoved:
                Cashbox = CashboxState.Removed;
                break;
            case SspEvent.CashboxReplaced:
                Cashbox = CashboxState.Ok;
                break;
            case SspEvent.SafeJam:
                Jam = NoteJam.Safe;
                break;
            case SspEvent.UnsafeJam:
                Jam = NoteJam.Unsafe;
                break;
            case SspEvent.NoteClearedFromFront or SspEvent.NoteClearedIntoCashbox:
                Jam = NoteJam.None;
                NoteInPath = false;
                break;
            case SspEvent.FraudAttempt:
                FraudAttempt = true;
                FraudChannel = ev.Channel;
                break;
            case SspEvent.Read or SspEvent.Stacking or SspEvent.Rejecting:
                NoteInPath = true;
                break;
            case SspEvent.Stacked or SspEvent.Rejected:
                NoteInPath = false;
                break;
            case SspEvent.Credit:
                LastCreditChannel = ev.Channel;
                break;
        }
    }

    /// <summary>
    /// The contract's view. <paramref name="refusal"/> is a generic reply other than <c>F0</c> to this poll
    /// (<c>F5</c>, <c>F6</c>, <c>F8</c>): it describes this poll only.
    /// </summary>
    public BillReaderSnapshot ToSnapshot(SspIdentityInfo identity, SspReply refusal = SspReply.Ok)
    {
        var errors = new List<DeviceError>();
        if (Cashbox == CashboxState.Full)
        {
            errors.Add(new("cashbox_full", "The bill reader's cash box is full: empty it and put it back.", RecoveryAction.Clear));
        }
        else if (Cashbox == CashboxState.Removed)
        {
            errors.Add(new("cashbox_removed", "The bill reader's cash box is out: put it back.", RecoveryAction.Clear));
        }

        if (Jam == NoteJam.Safe)
        {
            errors.Add(new("safe_jam", "A note is jammed inside the bill reader, out of the customer's reach: open the reader and remove it.", RecoveryAction.Clear));
        }
        else if (Jam == NoteJam.Unsafe)
        {
            errors.Add(new("unsafe_jam", "A note is jammed at the bill reader's entry, within the customer's reach: a restart makes the reader return it; remove it by hand if it stays.", RecoveryAction.Reset));
        }

        if (refusal == SspReply.SoftwareError)
        {
            errors.Add(new("software_error", "The bill reader answered POLL with a software error (F6).", RecoveryAction.Reset));
        }
        else if (refusal == SspReply.Fail)
        {
            errors.Add(new("command_failed", "The bill reader answered POLL with a failure (F8).", RecoveryAction.Reset));
        }

        var cannotServe = errors.Count > 0;
        if (FraudAttempt)
        {
            errors.Add(new("fraud_attempt", $"The bill reader reported a fraud attempt (channel {FraudChannel}): inspect the note entry for tampering; a restart clears the warning.", RecoveryAction.Reset));
        }

        var health = cannotServe ? DeviceHealth.Error
            : FraudAttempt ? DeviceHealth.Warning
            : Initialising || NoteInPath || refusal == SspReply.CannotProcessNow ? DeviceHealth.Busy
            : DeviceHealth.Healthy;

        return new BillReaderSnapshot
        {
            Kind = DeviceKind.BillReader,
            Health = health,
            Errors = errors,
            Cashbox = Cashbox,
            Jam = Jam,
            Inhibited = Disabled,
            FraudAttempt = FraudAttempt,
            ResetAfterPowerUp = ResetSeen,
            Initialising = Initialising,
            NoteInPath = NoteInPath,
            LastCreditChannel = LastCreditChannel,
            Firmware = identity.Firmware,
            SerialNumber = identity.SerialNumber,
            Setup = identity.Setup,
        };
    }
}

/// <summary>What the reader told about itself on connect; any part may be unknown.</summary>
public sealed record SspIdentityInfo(string? Firmware, string? SerialNumber, BillReaderSetup? Setup)
{
    public static readonly SspIdentityInfo Unknown = new(null, null, null);
}
