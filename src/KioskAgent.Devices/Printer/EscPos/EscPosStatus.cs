namespace KioskAgent.Devices.Printer.EscPos;

/// <summary>
/// The printer's condition as the four DLE EOT replies (or one ASB block) describe it. Bit meanings from the
/// Epson ESC/POS reference (protocols.md, "Receipt printer").
/// </summary>
public readonly record struct EscPosStatus(
    bool Offline,
    bool CoverOpen,
    bool StoppedByPaperEnd,
    bool ErrorOccurred,
    bool MechanicalError,
    bool CutterError,
    bool UnrecoverableError,
    bool AutoRecoverableError,
    bool PaperNearEnd,
    bool PaperEnd)
{
    /// <summary>Decodes the replies to DLE EOT 1, 2, 3 and 4, in that order.</summary>
    public static EscPosStatus FromRealTime(byte printer, byte offlineCause, byte errorCause, byte rollPaper) => new(
        Offline: (printer & 0x08) != 0,
        CoverOpen: (offlineCause & 0x04) != 0,
        StoppedByPaperEnd: (offlineCause & 0x20) != 0,
        ErrorOccurred: (offlineCause & 0x40) != 0,
        MechanicalError: (errorCause & 0x04) != 0,
        CutterError: (errorCause & 0x08) != 0,
        UnrecoverableError: (errorCause & 0x20) != 0,
        AutoRecoverableError: (errorCause & 0x40) != 0,
        PaperNearEnd: (rollPaper & 0x0C) != 0,
        PaperEnd: (rollPaper & 0x60) != 0);

    /// <summary>Decodes an Automatic Status Back block (bytes 1..3; byte 4 carries nothing used here).</summary>
    public static EscPosStatus FromAutomatic(EscPosReply asb)
    {
        byte b1 = asb.AsbByte(0), b2 = asb.AsbByte(1), b3 = asb.AsbByte(2);
        return new(
            Offline: (b1 & 0x08) != 0,
            CoverOpen: (b1 & 0x20) != 0,
            StoppedByPaperEnd: (b3 & 0x0C) != 0,
            ErrorOccurred: (b1 & 0x40) != 0,
            MechanicalError: (b2 & 0x04) != 0,
            CutterError: (b2 & 0x08) != 0,
            UnrecoverableError: (b2 & 0x20) != 0,
            AutoRecoverableError: (b2 & 0x40) != 0,
            PaperNearEnd: (b3 & 0x03) != 0,
            PaperEnd: (b3 & 0x0C) != 0);
    }

    /// <summary>The four real-time replies a printer in this condition sends (the emulator's side).</summary>
    public byte ReplyTo(RealTimeStatusKind kind) => kind switch
    {
        RealTimeStatusKind.Printer => (byte)(0x12 | (Offline ? 0x08 : 0)),
        RealTimeStatusKind.OfflineCause => (byte)(0x12 | (CoverOpen ? 0x04 : 0) | (StoppedByPaperEnd ? 0x20 : 0) | (ErrorOccurred ? 0x40 : 0)),
        RealTimeStatusKind.ErrorCause => (byte)(0x12 | (MechanicalError ? 0x04 : 0) | (CutterError ? 0x08 : 0) | (UnrecoverableError ? 0x20 : 0) | (AutoRecoverableError ? 0x40 : 0)),
        RealTimeStatusKind.RollPaper => (byte)(0x12 | (PaperNearEnd ? 0x0C : 0) | (PaperEnd ? 0x60 : 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The ASB block a printer in this condition pushes.</summary>
    public byte[] AutomaticStatusBlock() =>
    [
        (byte)(0x10 | (Offline ? 0x08 : 0) | (CoverOpen ? 0x20 : 0) | (ErrorOccurred ? 0x40 : 0)),
        (byte)((MechanicalError ? 0x04 : 0) | (CutterError ? 0x08 : 0) | (UnrecoverableError ? 0x20 : 0) | (AutoRecoverableError ? 0x40 : 0)),
        (byte)((PaperNearEnd ? 0x03 : 0) | (PaperEnd ? 0x0C : 0)),
        0x00,
    ];

    /// <summary>The contract's view: health, errors with their recovery action, and the detail fields.</summary>
    public PrinterSnapshot ToSnapshot()
    {
        var errors = new List<DeviceError>();
        if (PaperEnd)
        {
            errors.Add(new("paper_out", "Paper roll is empty: load paper.", RecoveryAction.Clear));
        }
        else if (PaperNearEnd)
        {
            errors.Add(new("paper_near_end", "Paper roll is nearly empty: replace it soon.", RecoveryAction.Clear));
        }

        if (CoverOpen)
        {
            errors.Add(new("cover_open", "Printer cover is open: close it.", RecoveryAction.Clear));
        }

        if (CutterError)
        {
            errors.Add(new("cutter_error", "Auto-cutter error: remove any jammed paper; a restart may clear it.", RecoveryAction.Reset));
        }

        if (MechanicalError)
        {
            errors.Add(new("mechanical_error", "Mechanical error (head or paper path): needs a technician.", RecoveryAction.Maintenance));
        }

        if (UnrecoverableError)
        {
            errors.Add(new("unrecoverable_error", "Unrecoverable error: a power cycle is required.", RecoveryAction.Reset));
        }

        if (AutoRecoverableError)
        {
            errors.Add(new("auto_recoverable_error", "Printing paused (e.g. head overheated); recovers by itself.", RecoveryAction.Reset));
        }

        var cannotPrint = PaperEnd || CoverOpen || CutterError || MechanicalError || UnrecoverableError;
        var health = cannotPrint ? DeviceHealth.Error
            : PaperNearEnd || AutoRecoverableError ? DeviceHealth.Warning
            : Offline ? DeviceHealth.Error
            : DeviceHealth.Healthy;
        if (Offline && errors.Count == 0)
        {
            errors.Add(new("printer_offline", "The printer reports itself offline without a cause.", RecoveryAction.Reset));
        }

        return new PrinterSnapshot
        {
            Kind = DeviceKind.Printer,
            Health = health,
            Errors = errors,
            Paper = PaperEnd ? PaperLevel.Out : PaperNearEnd ? PaperLevel.NearEnd : PaperLevel.Ok,
            CoverOpen = CoverOpen,
            PrinterOffline = Offline,
            CutterError = CutterError,
            MechanicalError = MechanicalError,
            UnrecoverableError = UnrecoverableError,
            AutoRecoverableError = AutoRecoverableError,
        };
    }
}
