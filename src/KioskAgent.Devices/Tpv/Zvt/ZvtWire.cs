namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>Transport bytes of ZVT over RS-232 (PA00P016, "Transport protocol").</summary>
public enum ZvtLinkByte : byte
{
    /// <summary>Start of text, after DLE: a frame begins.</summary>
    Stx = 0x02,

    /// <summary>End of text, after DLE: the APDU is over, two CRC bytes follow.</summary>
    Etx = 0x03,

    /// <summary>The receiver took the frame (CRC correct).</summary>
    Ack = 0x06,

    /// <summary>Data link escape: frames DLE STX … DLE ETX; doubled when it occurs inside the APDU.</summary>
    Dle = 0x10,

    /// <summary>The receiver rejects the frame (CRC wrong): the sender repeats it.</summary>
    Nak = 0x15,
}

/// <summary>
/// APDU control fields (CLASS INSTR) used here, from PA00P015 "Commands, Bitmaps, Error Messages".
/// The high byte is CLASS, the low byte INSTR.
/// </summary>
public enum ZvtControlField : ushort
{
    /// <summary>ECR → PT 05 01: Status-Enquiry; the PT answers with Completion carrying its terminal status code.</summary>
    StatusEnquiry = 0x0501,

    /// <summary>ECR → PT 06 00: Registration (password, config byte, currency).</summary>
    Registration = 0x0600,

    /// <summary>ECR → PT 06 02: Log-Off.</summary>
    LogOff = 0x0602,

    /// <summary>ECR → PT 06 B0: Abort the command the PT is executing.</summary>
    Abort = 0x06B0,

    /// <summary>ECR → PT 06 70: Diagnosis.</summary>
    Diagnosis = 0x0670,

    /// <summary>PT → ECR 06 0F: Completion; the PT hands the master rights back.</summary>
    Completion = 0x060F,

    /// <summary>PT → ECR 06 1E: the PT aborted the command; one data byte: the error code.</summary>
    AbortedByTerminal = 0x061E,

    /// <summary>PT → ECR 04 0F: Status-Information (result of the command).</summary>
    StatusInformation = 0x040F,

    /// <summary>PT → ECR 04 FF: Intermediate Status-Information ("insert card", "please wait").</summary>
    IntermediateStatus = 0x04FF,

    /// <summary>PT → ECR 06 D1: Print Line.</summary>
    PrintLine = 0x06D1,

    /// <summary>Either side 80 00: positive acknowledgement (the command is accepted / the message is taken).</summary>
    PositiveAcknowledgement = 0x8000,
}

/// <summary>CLASS bytes with a meaning of their own.</summary>
public static class ZvtClass
{
    /// <summary>84 xx: negative acknowledgement, INSTR = the error code.</summary>
    public const byte NegativeAcknowledgement = 0x84;
}
