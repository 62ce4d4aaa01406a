namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// SSI opcodes used here (Zebra "Simple Serial Interface Programmer's Guide", 72E-40451, chapter 2).
/// Other opcodes exist (SSI_MGMT_COMMAND 0x80, IMAGE_DATA...); the reader passes them through untouched.
/// </summary>
public enum SsiOpcode : byte
{
    /// <summary>REQUEST_REVISION: host asks for the decoder's software revision string (the liveness probe).</summary>
    RequestRevision = 0xA3,

    /// <summary>REPLY_REVISION: the decoder's answer, ASCII <c>S/W_REVISION BOARD_TYPE SCANNER_ID PGM_CHKSUM</c>.</summary>
    ReplyRevision = 0xA4,

    /// <summary>PARAM_SEND: parameter values (host → decoder to set, decoder → host to report).</summary>
    ParamSend = 0xC6,

    /// <summary>PARAM_REQUEST: host asks for parameter values (<c>FE</c> = all).</summary>
    ParamRequest = 0xC7,

    /// <summary>CMD_ACK: positive acknowledgement, either direction.</summary>
    CmdAck = 0xD0,

    /// <summary>CMD_NAK: negative acknowledgement with one cause byte (<see cref="SsiNakCause"/>).</summary>
    CmdNak = 0xD1,

    /// <summary>START_DECODE: software trigger pull.</summary>
    StartDecode = 0xE4,

    /// <summary>STOP_DECODE: software trigger release.</summary>
    StopDecode = 0xE5,

    /// <summary>SCAN_ENABLE: the decoder may scan (trigger or presentation).</summary>
    ScanEnable = 0xE9,

    /// <summary>SCAN_DISABLE: the decoder must not scan.</summary>
    ScanDisable = 0xEA,

    /// <summary>DECODE_DATA: a decoded code: one code-type byte, then the data.</summary>
    DecodeData = 0xF3,

    /// <summary>EVENT: one event code byte (boot, parameter change...), sent when events are enabled.</summary>
    Event = 0xF6,
}

/// <summary>Names as the SSI guide prints them, for messages and logs.</summary>
public static class SsiOpcodeNames
{
    /// <summary><c>REQUEST_REVISION</c> for <see cref="SsiOpcode.RequestRevision"/>; <c>opcode 0x80</c> for one not listed.</summary>
    public static string WireName(this SsiOpcode opcode)
    {
        if (!Enum.IsDefined(opcode))
        {
            return $"opcode 0x{(byte)opcode:X2}";
        }

        var name = opcode.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}

/// <summary>Who sent a packet (the SOURCE byte).</summary>
public enum SsiSource : byte
{
    Decoder = 0x00,
    Host = 0x04,
}

/// <summary>The STATUS byte. Bits 4..7 are unused and must be zero.</summary>
[Flags]
public enum SsiStatus : byte
{
    None = 0x00,

    /// <summary>Bit 0: this packet is a retransmission of the previous one.</summary>
    Retransmit = 0x01,

    /// <summary>Bit 1: more packets of the same message follow (multi-packet message).</summary>
    Continuation = 0x02,

    /// <summary>Bit 3 (PARAM_SEND only): the change is permanent (kept over power cycles), not temporary.</summary>
    PermanentChange = 0x08,
}

/// <summary>The cause byte of CMD_NAK.</summary>
public enum SsiNakCause : byte
{
    /// <summary>RESEND: checksum failure; the sender retransmits with the retransmit bit set.</summary>
    Resend = 0x01,

    /// <summary>BAD_CONTEXT: unexpected or unknown message in the receiver's current state.</summary>
    BadContext = 0x02,

    /// <summary>DENIED: the host directive is refused (e.g. a parameter value out of range).</summary>
    Denied = 0x06,
}
