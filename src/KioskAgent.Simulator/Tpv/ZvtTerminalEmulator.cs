using System.Buffers;
using System.Globalization;
using KioskAgent.Devices.Tpv.Zvt;

namespace KioskAgent.Simulator.Tpv;

/// <summary>
/// A card-payment terminal speaking ZVT over RS-232 from the terminal's side, with the driver's codec: it ACKs or NAKs
/// every frame, repeats its own frames on NAK, answers Status-Enquiry, Registration, Log-Off and Abort with the
/// flow of PA00P015 (80 00 00, then status/print messages each awaiting the ECR's 80 00 00, then 06 0F or 06 1E),
/// and keeps a terminal's state: registered, busy, error code, needs initialisation.
/// Power-up: registration is lost (the ECR must register again), a busy operation and a pending error are gone;
/// the need for initialisation survives, as it lives in the terminal's memory.
/// </summary>
public sealed class ZvtTerminalEmulator : DeviceEmulator
{
    /// <summary>How often the terminal repeats a frame after NAK before giving the conversation up.</summary>
    public const int MaxRetransmissions = 3;

    /// <summary>The error the <c>error</c> fault reports: card reader defective.</summary>
    public const byte DefaultErrorCode = (byte)ZvtCode.CardReaderDefective;

    /// <summary>Intermediate status 0E: "please wait".</summary>
    public const byte PleaseWaitIntermediate = 0x0E;

    private readonly ZvtBlockReader _reader;
    private readonly ZvtFraming _framing;
    private readonly Queue<ScriptStep> _script = new();
    private readonly List<ZvtControlField> _commands = [];
    private ScriptStep? _unacknowledged;
    private byte[]? _unacknowledgedFrame;
    private int _repeats;
    private bool _awaitingEcrAcknowledgement;
    private bool _registered;
    private bool _busy;
    private byte? _errorCode;
    private bool _needsInitialisation;
    private bool _nakStorm;
    private bool _badCrc;
    private bool _noAcceptance;
    private bool _unexpectedApdu;
    private bool _chatty;
    private int _naksSent;

    public ZvtTerminalEmulator(TimeProvider time, TimeSpan bootTime, ZvtFraming? framing = null)
        : base(time, bootTime)
    {
        _framing = framing ?? ZvtFraming.Default;
        _reader = new ZvtBlockReader(_framing);
    }

    public string TerminalId { get; init; } = "52001234";

    public string SoftwareVersion { get; init; } = "EMU-ZVT 1.0";

    public bool IsRegistered
    {
        get { lock (State) { return _registered; } }
    }

    public bool IsBusy
    {
        get { lock (State) { return _busy; } }
    }

    /// <summary>Every command the terminal received, in order (tests prove what the agent did and did not send).</summary>
    public IReadOnlyList<ZvtControlField> CommandsReceived
    {
        get { lock (State) { return [.. _commands]; } }
    }

    /// <summary>NAKs the terminal sent for frames with a wrong CRC.</summary>
    public int NaksSent
    {
        get { lock (State) { return _naksSent; } }
    }

    /// <summary>Device faults and repairs. Also <c>error:XX</c> (hex) for any error code.</summary>
    protected override IReadOnlyList<string> DeviceFaultNames { get; } =
    [
        "busy", "idle", "error", "clear_error", "needs_registration", "registered", "needs_initialisation", "initialised",
        "nak_storm", "bad_crc", "no_acceptance", "unexpected_apdu", "behave", "chatty", "quiet",
    ];

    protected override bool ApplyDeviceFault(string fault)
    {
        switch (fault)
        {
            case "busy": _busy = true; break;
            case "idle": _busy = false; break;
            case "error": _errorCode = DefaultErrorCode; break;
            case "clear_error": _errorCode = null; break;
            case "needs_registration": _registered = false; break;
            case "registered": _registered = true; break;
            case "needs_initialisation": _needsInitialisation = true; break;
            case "initialised": _needsInitialisation = false; break;
            case "nak_storm": _nakStorm = true; break;
            case "bad_crc": _badCrc = true; break;
            case "no_acceptance": _noAcceptance = true; break;
            case "unexpected_apdu": _unexpectedApdu = true; break;
            case "behave": _nakStorm = _badCrc = _noAcceptance = _unexpectedApdu = false; break;
            case "chatty": _chatty = true; break;
            case "quiet": _chatty = false; break;
            default:
                return TryApplyErrorCode(fault);
        }

        return true;
    }

    protected override void OnPowerOn()
    {
        _registered = _busy = _noAcceptance = _unexpectedApdu = false;
        _errorCode = null;
        ForgetConversation();
    }

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var consumed = input.Start;
        var examined = input.End;
        var remaining = input;
        while (_reader.TryParseMessage(remaining, ref consumed, ref examined, out var block))
        {
            remaining = input.Slice(consumed);
            Handle(block, output);
        }

        return consumed;
    }

    private void Handle(ZvtBlock block, IBufferWriter<byte> output)
    {
        switch (block.Kind)
        {
            case ZvtBlockKind.Ack when _unacknowledged is { } step:
                _unacknowledged = null;
                _unacknowledgedFrame = null;
                if (step.AwaitsEcrAcknowledgement)
                {
                    _awaitingEcrAcknowledgement = true;
                }
                else
                {
                    SendNext(output);
                }

                break;
            case ZvtBlockKind.Nak when _unacknowledgedFrame is { } frame:
                if (_repeats++ < MaxRetransmissions)
                {
                    output.Write(frame);
                }
                else
                {
                    ForgetConversation();
                }

                break;
            case ZvtBlockKind.CorruptFrame:
                _naksSent++;
                output.Write([(byte)ZvtLinkByte.Nak]);
                break;
            case ZvtBlockKind.Frame:
                if (_nakStorm)
                {
                    output.Write([(byte)ZvtLinkByte.Nak]);
                    break;
                }

                output.Write([(byte)ZvtLinkByte.Ack]);
                OnApdu(block.Apdu, output);
                break;
        }
    }

    private void OnApdu(byte[] bytes, IBufferWriter<byte> output)
    {
        if (!ZvtApdu.TryDecode(bytes, out var apdu, out _))
        {
            ForgetConversation();
            Enqueue(ZvtCommands.NegativeAcknowledgement((byte)ZvtCode.ProtocolError), awaits: false);
        }
        else if (_awaitingEcrAcknowledgement && apdu.IsPositiveAcknowledgement)
        {
            _awaitingEcrAcknowledgement = false;
        }
        else
        {
            ForgetConversation();
            _commands.Add(apdu.ControlField);
            Plan(apdu);
        }

        SendNext(output);
    }

    /// <summary>The terminal's messages for one command, in order.</summary>
    private void Plan(ZvtApdu command)
    {
        switch (command.ControlField)
        {
            case ZvtControlField.StatusEnquiry:
                PlanStatusEnquiry();
                break;
            case ZvtControlField.Registration:
                Accept();
                _registered = true;
                Enqueue(ZvtTerminalMessages.RegistrationCompletion(0x00, TerminalId), awaits: true);
                break;
            case ZvtControlField.LogOff:
                Accept();
                _registered = false;
                break;
            case ZvtControlField.Abort:
                Accept();
                _busy = false;
                break;
            default:
                Enqueue(ZvtCommands.NegativeAcknowledgement((byte)ZvtCode.FunctionNotPossible), awaits: false);
                break;
        }
    }

    private void PlanStatusEnquiry()
    {
        if (_noAcceptance)
        {
            return; // the frame was ACKed; 80 00 00 never comes
        }

        if (_unexpectedApdu)
        {
            // Completion straight away, where 80 00 00 belongs.
            Enqueue(new ZvtStatusReport(SoftwareVersion, (byte)ZvtCode.PtReady, TerminalId).ToCompletion(), awaits: true);
            return;
        }

        if (!_registered)
        {
            Enqueue(ZvtCommands.NegativeAcknowledgement((byte)ZvtCode.FunctionDeactivatedNotRegistered), awaits: false);
            return;
        }

        Accept();
        if (_chatty || _busy)
        {
            Enqueue(ZvtTerminalMessages.IntermediateStatus(PleaseWaitIntermediate), awaits: true);
        }

        if (_chatty)
        {
            Enqueue(ZvtTerminalMessages.PrintLine("TERMINAL STATUS"), awaits: true);
            Enqueue(ZvtTerminalMessages.StatusInformation(0x00), awaits: true);
        }

        if (_errorCode is { } code)
        {
            Enqueue(ZvtTerminalMessages.Aborted(code), awaits: true);
            return;
        }

        var status = _busy ? ZvtCode.PleaseWait : _needsInitialisation ? ZvtCode.InitialisationRequired : ZvtCode.PtReady;
        Enqueue(new ZvtStatusReport(SoftwareVersion, (byte)status, TerminalId).ToCompletion(), awaits: true);
    }

    private void Accept() => Enqueue(ZvtCommands.PositiveAcknowledgement(), awaits: false);

    private void Enqueue(ZvtApdu apdu, bool awaits) => _script.Enqueue(new ScriptStep(apdu, awaits));

    private void SendNext(IBufferWriter<byte> output)
    {
        if (_unacknowledged is not null || _awaitingEcrAcknowledgement || !_script.TryDequeue(out var step))
        {
            return;
        }

        var frame = ZvtFrame.Encode(step.Apdu.Encode(), _framing);
        if (_badCrc)
        {
            frame[^1] ^= 0xFF;
        }

        _unacknowledged = step;
        _unacknowledgedFrame = frame;
        _repeats = 0;
        output.Write(frame);
    }

    private void ForgetConversation()
    {
        _script.Clear();
        _unacknowledged = null;
        _unacknowledgedFrame = null;
        _awaitingEcrAcknowledgement = false;
    }

    private bool TryApplyErrorCode(string fault)
    {
        if (fault.StartsWith("error:", StringComparison.Ordinal)
            && byte.TryParse(fault.AsSpan(6), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code != 0)
        {
            _errorCode = code;
            return true;
        }

        return false;
    }

    /// <summary>One message of the terminal, and whether it waits for the ECR's 80 00 00 before the next.</summary>
    private sealed record ScriptStep(ZvtApdu Apdu, bool AwaitsEcrAcknowledgement);
}
