namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>
/// The four status bytes of the AP reply, each ASCII '0' (0x30) OR'ed with flags:
/// <code>
///   reply text   'S' 'F' s1 s2 s3 s4
///   s1  bit3 recycle (reject) box full   bit2 cannot execute   bit1 prepare-card failure   bit0 preparing card
///   s2  bit3 dispensing                  bit2 capturing        bit1 dispense error         bit0 capture error
///   s3  bit2 card overlap                bit1 card jam         bit0 card pre-empty (hopper low)
///   s4  bit3 card empty                  bit2 card at sensor 3 bit1 card at sensor 2       bit0 card at sensor 1
/// </code>
/// </summary>
public readonly record struct K720Status(
    bool RejectBinFull,
    bool CannotExecute,
    bool PrepareCardFailed,
    bool PreparingCard,
    bool Dispensing,
    bool Capturing,
    bool DispenseError,
    bool CaptureError,
    bool Overlap,
    bool Jam,
    bool HopperLow,
    bool HopperEmpty,
    bool Sensor3,
    bool Sensor2,
    bool Sensor1)
{
    public const string ReplyPrefix = "SF";

    /// <summary>Decodes an AP reply's text; false when it is not <c>SF</c> and four bytes of the form <c>0x3_</c>.</summary>
    public static bool TryDecode(string text, out K720Status status)
    {
        status = default;
        if (text.Length != ReplyPrefix.Length + 4 || !text.StartsWith(ReplyPrefix, StringComparison.Ordinal)
            || text.Skip(ReplyPrefix.Length).Any(c => (c & 0xF0) != 0x30))
        {
            return false;
        }

        int s1 = text[2], s2 = text[3], s3 = text[4], s4 = text[5];
        status = new K720Status(
            RejectBinFull: Bit(s1, 3), CannotExecute: Bit(s1, 2), PrepareCardFailed: Bit(s1, 1), PreparingCard: Bit(s1, 0),
            Dispensing: Bit(s2, 3), Capturing: Bit(s2, 2), DispenseError: Bit(s2, 1), CaptureError: Bit(s2, 0),
            Overlap: Bit(s3, 2), Jam: Bit(s3, 1), HopperLow: Bit(s3, 0),
            HopperEmpty: Bit(s4, 3), Sensor3: Bit(s4, 2), Sensor2: Bit(s4, 1), Sensor1: Bit(s4, 0));
        return true;
    }

    /// <summary>The AP reply text a dispenser in this condition sends (the emulator's side).</summary>
    public string ToReplyText() => string.Concat(
        ReplyPrefix,
        Byte(RejectBinFull, CannotExecute, PrepareCardFailed, PreparingCard),
        Byte(Dispensing, Capturing, DispenseError, CaptureError),
        Byte(false, Overlap, Jam, HopperLow),
        Byte(HopperEmpty, Sensor3, Sensor2, Sensor1));

    /// <summary>The contract's view: health, errors with their recovery action, and the detail fields.</summary>
    public DispenserSnapshot ToSnapshot(K720SensorMap sensors)
    {
        var errors = new List<DeviceError>();
        if (HopperEmpty)
        {
            errors.Add(new("hopper_empty", "The card hopper is empty: load cards.", RecoveryAction.Clear));
        }
        else if (HopperLow)
        {
            errors.Add(new("hopper_low", "Few cards are left in the hopper: load cards soon.", RecoveryAction.Clear));
        }

        Add(Jam, "card_jam", "A card is jammed in the dispenser: clear the card path.", RecoveryAction.Clear);
        Add(Overlap, "card_overlap", "Two cards were fed together: remove them from the card path.", RecoveryAction.Clear);
        Add(RejectBinFull, "reject_bin_full", "The reject bin is full: empty it, or captured cards have nowhere to go.", RecoveryAction.Clear);
        Add(DispenseError, "dispense_error", "The last dispense failed; a restart may clear it.", RecoveryAction.Reset);
        Add(CaptureError, "capture_error", "The last capture failed; a restart may clear it.", RecoveryAction.Reset);
        Add(PrepareCardFailed, "prepare_card_failed", "Preparing a card failed; a restart may clear it.", RecoveryAction.Reset);
        Add(CannotExecute, "cannot_execute", "The dispenser cannot execute commands; a restart may clear it.", RecoveryAction.Reset);

        var health = errors.Any(e => e.Code != "hopper_low") ? DeviceHealth.Error
            : HopperLow ? DeviceHealth.Warning
            : Dispensing || Capturing || PreparingCard ? DeviceHealth.Busy
            : DeviceHealth.Healthy;
        return new DispenserSnapshot
        {
            Kind = DeviceKind.Dispenser,
            Health = health,
            Errors = errors,
            Hopper = HopperEmpty ? HopperLevel.Empty : HopperLow ? HopperLevel.Low : HopperLevel.Ok,
            CardPosition = sensors.Position(Sensor1, Sensor2, Sensor3),
            Jam = Jam,
            Overlap = Overlap,
            RejectBinFull = RejectBinFull,
            DispenseError = DispenseError,
            CaptureError = CaptureError,
            CannotExecute = CannotExecute,
            SensorsCovered = [.. new[] { Sensor1, Sensor2, Sensor3 }.Select((covered, i) => covered ? i + 1 : 0).Where(n => n > 0)],
        };

        void Add(bool flag, string code, string message, RecoveryAction action)
        {
            if (flag)
            {
                errors.Add(new(code, message, action));
            }
        }
    }

    private static bool Bit(int value, int bit) => (value & (1 << bit)) != 0;

    private static char Byte(bool bit3, bool bit2, bool bit1, bool bit0) =>
        (char)(0x30 | (bit3 ? 8 : 0) | (bit2 ? 4 : 0) | (bit1 ? 2 : 0) | (bit0 ? 1 : 0));
}
