namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>
/// SSP commands (first data byte of a host packet), as ITL's "SSP Implementation Guide" numbers them
/// (protocols.md, "Bill reader"). Only the ones a validator host needs are listed.
/// </summary>
public enum SspCommand : byte
{
    /// <summary>Soft reset: the validator answers <c>F0</c>, then reboots and reports <c>F1</c>.</summary>
    Reset = 0x01,

    /// <summary>Channel inhibit mask (2 bytes, bit set = channel accepted).</summary>
    SetInhibits = 0x02,

    /// <summary>Unit type, firmware, country, channel values, protocol version.</summary>
    SetupRequest = 0x05,

    /// <summary>Selects the event format (1 byte version).</summary>
    HostProtocolVersion = 0x06,

    /// <summary>Events since the last poll.</summary>
    Poll = 0x07,

    /// <summary>Rejects the note held in escrow.</summary>
    Reject = 0x08,

    /// <summary>Stops accepting notes (the power-up state).</summary>
    Disable = 0x09,

    /// <summary>Starts accepting notes. Never sent by the status path.</summary>
    Enable = 0x0A,

    /// <summary>4-byte big-endian serial number.</summary>
    SerialNumber = 0x0C,

    /// <summary>Resets the sequence flag: the next packet carries flag 0.</summary>
    Sync = 0x11,

    /// <summary>Why the last note was rejected (1 byte).</summary>
    LastRejectCode = 0x17,

    /// <summary>Keeps the note in escrow a little longer.</summary>
    Hold = 0x18,

    /// <summary>The full firmware version as ASCII.</summary>
    Firmware = 0x20,
}

/// <summary>Generic replies: the first data byte of every slave packet.</summary>
public enum SspReply : byte
{
    Ok = 0xF0,
    UnknownCommand = 0xF2,
    WrongParameterCount = 0xF3,
    ParameterOutOfRange = 0xF4,
    CannotProcessNow = 0xF5,
    SoftwareError = 0xF6,
    Fail = 0xF8,
}

/// <summary>POLL events (after <c>F0</c>); some carry one channel byte (<see cref="SspPollEvent.CarriesChannel"/>).</summary>
public enum SspEvent : byte
{
    SlaveReset = 0xF1,
    Read = 0xEF,
    Credit = 0xEE,
    Rejecting = 0xED,
    Rejected = 0xEC,
    Stacking = 0xCC,
    Stacked = 0xEB,
    SafeJam = 0xEA,
    UnsafeJam = 0xE9,
    Disabled = 0xE8,
    StackerFull = 0xE7,
    FraudAttempt = 0xE6,
    CashboxRemoved = 0xE3,
    CashboxReplaced = 0xE4,
    NoteClearedFromFront = 0xE1,
    NoteClearedIntoCashbox = 0xE2,
    Initialising = 0xB6,
}
