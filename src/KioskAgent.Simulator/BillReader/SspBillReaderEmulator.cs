using System.Buffers;
using KioskAgent.Devices.BillReader;
using KioskAgent.Devices.BillReader.Ssp;

namespace KioskAgent.Simulator.BillReader;

/// <summary>
/// An ITL banknote validator speaking unencrypted SSP: executes SYNC whatever its flag, repeats its last reply
/// to a packet carrying the same sequence flag again, answers unknown commands with <c>F2</c>, keeps a cash box
/// (count and capacity), and reports injected faults as POLL events. Powers up disabled, reporting <c>F1</c>.
/// </summary>
public sealed class SspBillReaderEmulator : DeviceEmulator
{
    public const uint Serial = 31_415_926;
    public const string FirmwareVersion = "NV02004141498000";

    private static readonly BillReaderSetup Setup = new(0, "EUR", [5, 10, 20, 50, 100, 200, 500], 6);

    private readonly Queue<SspPollEvent[]> _events = new();
    private readonly HashSet<SspCommand> _received = [];
    private readonly byte _address;
    private bool? _lastFlag;
    private byte[]? _lastReply;
    private bool _enabled;
    private bool _cashboxOut;
    private NoteJam _jam;
    private ForcedReply _forced;
    private int _count;

    public SspBillReaderEmulator(TimeProvider time, TimeSpan bootTime, int cashboxCapacity = 500, byte address = 0)
        : base(time, bootTime)
    {
        CashboxCapacity = cashboxCapacity;
        _address = address;
        _events.Enqueue([new(SspEvent.SlaveReset)]); // the kiosk powered it up
    }

    private enum ForcedReply
    {
        None,
        Busy,
        SoftwareError,
        Fail,
        WrongSequence,
    }

    public int CashboxCapacity { get; }

    /// <summary>Notes in the cash box.</summary>
    public int CashboxCount
    {
        get { lock (State) { return _count; } }
    }

    public bool IsEnabled
    {
        get { lock (State) { return _enabled; } }
    }

    /// <summary>Every command executed since creation (repeats excluded).</summary>
    public IReadOnlyCollection<SspCommand> CommandsReceived
    {
        get { lock (State) { return [.. _received]; } }
    }

    protected override IReadOnlyList<string> DeviceFaultNames { get; } =
    [
        "cashbox_full", "cashbox_removed", "cashbox_replaced", "safe_jam", "unsafe_jam", "clear_jam", "fraud",
        "insert_note", "reply_busy", "reply_software_error", "reply_fail", "wrong_sequence", "reply_normal",
    ];

    protected override bool ApplyDeviceFault(string fault)
    {
        switch (fault)
        {
            case "cashbox_full":
                _count = CashboxCapacity;
                _events.Enqueue([new(SspEvent.StackerFull)]);
                break;
            case "cashbox_removed":
                _cashboxOut = true;
                _events.Enqueue([new(SspEvent.CashboxRemoved)]);
                break;
            case "cashbox_replaced":
                _cashboxOut = false;
                _count = 0; // staff empty it before putting it back
                _events.Enqueue([new(SspEvent.CashboxReplaced)]);
                break;
            case "safe_jam" or "unsafe_jam":
                _jam = fault == "safe_jam" ? NoteJam.Safe : NoteJam.Unsafe;
                _events.Enqueue([new(_jam == NoteJam.Safe ? SspEvent.SafeJam : SspEvent.UnsafeJam)]);
                break;
            case "clear_jam":
                ClearJam();
                break;
            case "fraud":
                _events.Enqueue([new(SspEvent.FraudAttempt, 0)]);
                break;
            case "insert_note":
                InsertNote(channel: 1);
                break;
            case "reply_busy": _forced = ForcedReply.Busy; break;
            case "reply_software_error": _forced = ForcedReply.SoftwareError; break;
            case "reply_fail": _forced = ForcedReply.Fail; break;
            case "wrong_sequence": _forced = ForcedReply.WrongSequence; break;
            case "reply_normal": _forced = ForcedReply.None; break;
            default: return false;
        }

        return true;
    }

    /// <summary>
    /// Power-up: sequence state and enable are gone, firmware faults cleared; it reports F1, then what persists
    /// (a missing or full box, a note stuck inside). A note stuck at the entry is pushed back out at reset.
    /// </summary>
    protected override void OnPowerOn()
    {
        _lastFlag = null;
        _lastReply = null;
        _enabled = false;
        _forced = ForcedReply.None;
        _events.Clear();
        var report = new List<SspPollEvent> { new(SspEvent.SlaveReset) };
        if (_jam == NoteJam.Unsafe)
        {
            _jam = NoteJam.None;
            report.Add(new(SspEvent.NoteClearedFromFront, 0));
        }

        if (_jam == NoteJam.Safe)
        {
            report.Add(new(SspEvent.SafeJam));
        }

        if (_cashboxOut)
        {
            report.Add(new(SspEvent.CashboxRemoved));
        }
        else if (_count >= CashboxCapacity)
        {
            report.Add(new(SspEvent.StackerFull));
        }

        _events.Enqueue([.. report]);
    }

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var consumed = input.Start;
        var examined = input.End;
        var remaining = input;
        while (SspFrameReader.Instance.TryParseMessage(remaining, ref consumed, ref examined, out var frame))
        {
            remaining = input.Slice(consumed);
            if (frame.Address == _address && !Answer(frame, output))
            {
                return input.End; // rebooting: what follows is not heard
            }
        }

        return consumed;
    }

    /// <summary>Answers one packet; false when it reset the validator.</summary>
    private bool Answer(SspFrame frame, IBufferWriter<byte> output)
    {
        var command = (SspCommand)frame.Data[0];
        if (command != SspCommand.Sync && _lastFlag == frame.SequenceFlag && _lastReply is not null)
        {
            output.Write(_lastReply); // a resend: repeat, do not execute twice
            return true;
        }

        _received.Add(command);
        var replySeq = _forced == ForcedReply.WrongSequence ? (byte)(frame.SeqId ^ SspFrame.SequenceFlagBit) : frame.SeqId;
        _lastReply = SspFrame.Encode(replySeq, Execute(command, frame.Data.AsSpan(1)));
        _lastFlag = command == SspCommand.Sync ? true : frame.SequenceFlag; // after SYNC the host's next flag is 0
        output.Write(_lastReply);
        if (command == SspCommand.Reset)
        {
            SetPower(false);
            SetPower(true);
            return false;
        }

        return true;
    }

    private byte[] Execute(SspCommand command, ReadOnlySpan<byte> parameters)
    {
        byte[] Ok(params byte[] data) => [(byte)SspReply.Ok, .. data];
        byte[] Generic(SspReply reply) => [(byte)reply];

        var expected = command switch
        {
            SspCommand.SetInhibits => -2, // at least two mask bytes
            SspCommand.HostProtocolVersion => 1,
            _ => 0,
        };
        if (Enum.IsDefined(command) && (expected >= 0 ? parameters.Length != expected : parameters.Length < -expected))
        {
            return Generic(SspReply.WrongParameterCount);
        }

        return command switch
        {
            SspCommand.Sync or SspCommand.Reset or SspCommand.SetInhibits => Ok(),
            SspCommand.Poll => Poll(),
            SspCommand.SetupRequest => Ok(SspIdentity.EncodeSetup(Setup, FirmwareVersion[4..8], 1)),
            SspCommand.SerialNumber => Ok(SspIdentity.EncodeSerialNumber(Serial)),
            SspCommand.Firmware => Ok(System.Text.Encoding.ASCII.GetBytes(FirmwareVersion)),
            SspCommand.HostProtocolVersion => parameters[0] is >= 1 and <= 8 ? Ok() : Generic(SspReply.Fail),
            SspCommand.LastRejectCode => Ok(0x00),
            SspCommand.Disable => Disable(),
            SspCommand.Enable => Enable(),
            SspCommand.Reject or SspCommand.Hold => Generic(SspReply.CannotProcessNow), // no note in escrow
            _ => Generic(SspReply.UnknownCommand),
        };

        byte[] Disable()
        {
            _enabled = false;
            return Ok();
        }

        byte[] Enable()
        {
            if (_cashboxOut || _jam != NoteJam.None)
            {
                return Generic(SspReply.CannotProcessNow);
            }

            _enabled = true;
            return Ok();
        }
    }

    private byte[] Poll()
    {
        switch (_forced)
        {
            case ForcedReply.Busy: return [(byte)SspReply.CannotProcessNow];
            case ForcedReply.SoftwareError: return [(byte)SspReply.SoftwareError];
            case ForcedReply.Fail: return [(byte)SspReply.Fail];
        }

        var reply = new List<byte> { (byte)SspReply.Ok };
        if (_events.TryDequeue(out var batch))
        {
            foreach (var ev in batch)
            {
                ev.WriteTo(reply);
            }
        }

        if (!_enabled)
        {
            new SspPollEvent(SspEvent.Disabled).WriteTo(reply); // repeated on every poll while disabled
        }

        return [.. reply];
    }

    private void ClearJam()
    {
        if (_jam != NoteJam.None)
        {
            _events.Enqueue([new(_jam == NoteJam.Safe ? SspEvent.NoteClearedIntoCashbox : SspEvent.NoteClearedFromFront, 0)]);
            _jam = NoteJam.None;
        }
    }

    /// <summary>A customer feeds a note: only an enabled reader with room takes it, over four polls.</summary>
    private void InsertNote(byte channel)
    {
        if (!_enabled || _cashboxOut || _jam != NoteJam.None || _count >= CashboxCapacity)
        {
            return;
        }

        _events.Enqueue([new(SspEvent.Read, 0)]);
        _events.Enqueue([new(SspEvent.Read, channel)]);
        _events.Enqueue([new(SspEvent.Credit, channel), new(SspEvent.Stacking)]);
        _events.Enqueue([new(SspEvent.Stacked)]);
        _count++;
        if (_count >= CashboxCapacity)
        {
            _events.Enqueue([new(SspEvent.StackerFull)]);
        }
    }
}
