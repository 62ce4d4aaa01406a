using System.Buffers;
using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Printer.EscPos;

namespace KioskAgent.Simulator.Printer;

/// <summary>
/// A thermal receipt printer in ESC/POS mode: answers DLE EOT 1..4 from its state, honours ESC @ and
/// GS a (pushing an Automatic Status Back block on enable and on every change), and swallows print data.
/// </summary>
public sealed class EscPosPrinterEmulator(TimeProvider time, TimeSpan bootTime) : DeviceEmulator(time, bootTime)
{
    private PaperLevel _paper = PaperLevel.Ok;
    private bool _coverOpen;
    private bool _cutterError;
    private bool _mechanicalError;
    private bool _unrecoverableError;
    private bool _headOverheat;
    private byte _asbItems;

    protected override IReadOnlyList<string> DeviceFaultNames { get; } =
    [
        "paper_ok", "paper_near_end", "paper_out", "cover_open", "cover_closed",
        "cutter_error", "mechanical_error", "unrecoverable_error", "head_overheat", "clear_errors",
    ];

    /// <summary>The condition the printer would report now.</summary>
    public EscPosStatus Status
    {
        get
        {
            lock (State)
            {
                return CurrentStatus();
            }
        }
    }

    protected override bool ApplyDeviceFault(string fault)
    {
        switch (fault)
        {
            case "paper_ok": _paper = PaperLevel.Ok; break;
            case "paper_near_end": _paper = PaperLevel.NearEnd; break;
            case "paper_out": _paper = PaperLevel.Out; break;
            case "cover_open": _coverOpen = true; break;
            case "cover_closed": _coverOpen = false; break;
            case "cutter_error": _cutterError = true; break;
            case "mechanical_error": _mechanicalError = true; break;
            case "unrecoverable_error": _unrecoverableError = true; break;
            case "head_overheat": _headOverheat = true; break;
            case "clear_errors":
                _cutterError = _mechanicalError = _unrecoverableError = _headOverheat = false;
                break;
            default: return false;
        }

        PushStatusIfEnabled();
        return true;
    }

    /// <summary>A power cycle clears every error the supply cut clears; paper and cover are physical.</summary>
    protected override void OnPowerOn()
    {
        _cutterError = _unrecoverableError = _headOverheat = false;
        _asbItems = 0;
    }

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var reader = new SequenceReader<byte>(input);
        while (reader.TryPeek(out var first))
        {
            var commandStart = reader.Position;
            switch (first)
            {
                case EscPosCommands.Dle:
                    if (reader.Remaining < 3)
                    {
                        return commandStart;
                    }

                    reader.Advance(1);
                    reader.TryRead(out var eot);
                    reader.TryPeek(out var n);
                    if (eot == EscPosCommands.Eot && n is >= 1 and <= 4)
                    {
                        reader.Advance(1);
                        output.Write([CurrentStatus().ReplyTo((RealTimeStatusKind)n)]);
                    }

                    break;
                case EscPosCommands.Esc:
                    if (reader.Remaining < 2)
                    {
                        return commandStart;
                    }

                    reader.Advance(1);
                    if (reader.IsNext((byte)'@', advancePast: true))
                    {
                        _asbItems = 0;
                    }

                    break;
                case EscPosCommands.Gs:
                    if (reader.Remaining < 3)
                    {
                        return commandStart;
                    }

                    reader.Advance(1);
                    if (reader.IsNext((byte)'a', advancePast: true))
                    {
                        reader.TryRead(out _asbItems);
                        if (_asbItems != 0)
                        {
                            output.Write(CurrentStatus().AutomaticStatusBlock());
                        }
                    }

                    break;
                default:
                    reader.Advance(1); // print data: the paper does not care here
                    break;
            }
        }

        return reader.Position;
    }

    private EscPosStatus CurrentStatus()
    {
        var paperEnd = _paper == PaperLevel.Out;
        var error = _cutterError || _mechanicalError || _unrecoverableError || _headOverheat;
        return new EscPosStatus(
            Offline: paperEnd || _coverOpen || error,
            CoverOpen: _coverOpen,
            StoppedByPaperEnd: paperEnd,
            ErrorOccurred: error,
            MechanicalError: _mechanicalError,
            CutterError: _cutterError,
            UnrecoverableError: _unrecoverableError,
            AutoRecoverableError: _headOverheat,
            PaperNearEnd: _paper is PaperLevel.NearEnd or PaperLevel.Out,
            PaperEnd: paperEnd);
    }

    private void PushStatusIfEnabled()
    {
        if (_asbItems != 0)
        {
            Push(CurrentStatus().AutomaticStatusBlock());
        }
    }
}
