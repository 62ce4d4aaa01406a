using System.Collections.Frozen;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// Codes a terminal reports: the error codes (PA00P015 chapter "Error-Messages": in 84 xx, 06 1E xx and BMP 27)
/// and the terminal status codes of Status-Enquiry's Completion (chapter "Terminal Status Codes"). The two lists
/// share their numbering where both define a value, so one table serves both.
/// </summary>
public enum ZvtCode : byte
{
    PtReady = 0x00,
    InitialisationRequired = 0x51,
    DateTimeInvalid = 0x62,
    FunctionDeactivatedNotRegistered = 0x6B,
    AbortedByTimeoutOrKey = 0x6C,
    FunctionNotPossible = 0x83,
    KeyMissing = 0x85,
    PinPadDefective = 0x89,
    ProtocolError = 0x9A,
    DialUpError = 0x9B,
    PleaseWait = 0x9C,
    ReceiverNotReady = 0xA0,
    RemoteStationNotAnswering = 0xA1,
    NoConnection = 0xA3,
    MemoryFull = 0xB1,
    MerchantJournalFull = 0xB2,
    SupplyVoltageTooLow = 0xBF,
    CardLockingMechanismDefective = 0xC0,
    MerchantCardLocked = 0xC1,
    DiagnosisRequired = 0xC2,
    CardProfileInvalid = 0xC4,
    PrinterNotReady = 0xCC,
    CardInserted = 0xDC,
    CardEjectError = 0xDD,
    CardInsertionError = 0xDE,
    OutOfOrder = 0xDF,
    RemoteMaintenanceActivated = 0xE0,
    CardNotCompletelyRemoved = 0xE1,
    CardReaderDefective = 0xE2,
    ShutterClosed = 0xE3,
    TerminalActivationRequired = 0xE4,
    ReconciliationRequired = 0xF0,
    OptDataNotAvailable = 0xF6,
    SystemError = 0xFF,
}

/// <summary>What each <see cref="ZvtCode"/> means for a kiosk: name, text, health, recovery.</summary>
public static class ZvtCodes
{
    private static readonly FrozenDictionary<ZvtCode, (string Name, string Text, DeviceHealth Health, RecoveryAction Action)> Table =
        new Dictionary<ZvtCode, (string, string, DeviceHealth, RecoveryAction)>
        {
            [ZvtCode.PtReady] = ("pt_ready", "PT ready", DeviceHealth.Healthy, RecoveryAction.Reset),
            [ZvtCode.InitialisationRequired] = ("initialisation_required", "Initialisation with the acquirer required", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.DateTimeInvalid] = ("date_time_invalid", "Date/time not set or invalid", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.FunctionDeactivatedNotRegistered] = ("not_registered", "Function deactivated: PT not registered", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.AbortedByTimeoutOrKey] = ("aborted", "Abort via timeout or abort key", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.FunctionNotPossible] = ("function_not_possible", "Function not possible", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.KeyMissing] = ("key_missing", "Key missing", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.PinPadDefective] = ("pin_pad_defective", "PIN pad defective", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.ProtocolError] = ("zvt_protocol_error", "ZVT protocol error", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.DialUpError] = ("dial_up_error", "Error from dial-up/communication fault", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.PleaseWait] = ("please_wait", "Please wait (e.g. software update running)", DeviceHealth.Busy, RecoveryAction.Reset),
            [ZvtCode.ReceiverNotReady] = ("receiver_not_ready", "Receiver not ready", DeviceHealth.Busy, RecoveryAction.Reset),
            [ZvtCode.RemoteStationNotAnswering] = ("remote_station_not_answering", "Remote station does not respond", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.NoConnection] = ("no_connection", "No connection to the network operator", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.MemoryFull] = ("memory_full", "Memory full", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.MerchantJournalFull] = ("merchant_journal_full", "Merchant journal full", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.SupplyVoltageTooLow] = ("supply_voltage_low", "Supply voltage too low", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.CardLockingMechanismDefective] = ("card_locking_defective", "Card locking mechanism defective", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.MerchantCardLocked] = ("merchant_card_locked", "Merchant card locked", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.DiagnosisRequired] = ("diagnosis_required", "Diagnosis required", DeviceHealth.Error, RecoveryAction.Reset),
            [ZvtCode.CardProfileInvalid] = ("card_profile_invalid", "Card profile invalid: new profiles must be loaded", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.PrinterNotReady] = ("printer_not_ready", "Terminal printer not ready", DeviceHealth.Warning, RecoveryAction.Clear),
            [ZvtCode.CardInserted] = ("card_inserted", "A card is left in the reader", DeviceHealth.Warning, RecoveryAction.Clear),
            [ZvtCode.CardEjectError] = ("card_eject_error", "Error during card eject", DeviceHealth.Error, RecoveryAction.Clear),
            [ZvtCode.CardInsertionError] = ("card_insertion_error", "Error during card insertion", DeviceHealth.Error, RecoveryAction.Clear),
            [ZvtCode.OutOfOrder] = ("out_of_order", "Terminal out of order", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.RemoteMaintenanceActivated] = ("remote_maintenance", "Remote maintenance activated", DeviceHealth.Busy, RecoveryAction.Reset),
            [ZvtCode.CardNotCompletelyRemoved] = ("card_not_removed", "Card not completely removed", DeviceHealth.Warning, RecoveryAction.Clear),
            [ZvtCode.CardReaderDefective] = ("card_reader_defective", "Card reader does not answer or is defective", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.ShutterClosed] = ("shutter_closed", "Card reader shutter closed", DeviceHealth.Error, RecoveryAction.Clear),
            [ZvtCode.TerminalActivationRequired] = ("activation_required", "Terminal activation required", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.ReconciliationRequired] = ("reconciliation_required", "Reconciliation (end-of-day) required", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.OptDataNotAvailable] = ("opt_data_missing", "OPT data not available: personalisation required", DeviceHealth.Error, RecoveryAction.Maintenance),
            [ZvtCode.SystemError] = ("system_error", "System error", DeviceHealth.Error, RecoveryAction.Reset),
        }.ToFrozenDictionary();

    public static string Hex(byte code) => code.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The status text of a terminal status code, or a generic one naming the code.</summary>
    public static string Text(byte code) => Table.TryGetValue((ZvtCode)code, out var entry) ? entry.Text : $"Terminal code {Hex(code)}";

    /// <summary>
    /// What a non-zero code means for the kiosk. Codes 01..63 come from the network operator or authorisation
    /// system; unknown ones are errors a restart may clear.
    /// </summary>
    public static TpvFault Fault(byte code, bool restartRegisters)
    {
        if (!Table.TryGetValue((ZvtCode)code, out var entry))
        {
            entry = code is >= 0x01 and <= 0x63
                ? ("network_operator_error", "Error from the network operator / authorisation system", DeviceHealth.Error, RecoveryAction.Reset)
                : ("terminal_error", $"Terminal error {Hex(code)}", DeviceHealth.Error, RecoveryAction.Reset);
        }

        // A restart only cures a lost registration if the agent registers again when it reconnects.
        var action = code == (byte)ZvtCode.FunctionDeactivatedNotRegistered && !restartRegisters ? RecoveryAction.Maintenance : entry.Action;
        return new TpvFault(Hex(code), entry.Name, entry.Text, entry.Health, action);
    }
}
