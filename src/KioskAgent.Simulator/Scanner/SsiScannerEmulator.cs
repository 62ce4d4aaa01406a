using System.Buffers;
using System.Text;
using KioskAgent.Devices.Scanner.Ssi;

namespace KioskAgent.Simulator.Scanner;

/// <summary>
/// A Zebra decoder speaking SSI: answers REQUEST_REVISION, PARAM_SEND/PARAM_REQUEST, SCAN_ENABLE/DISABLE and
/// START/STOP_DECODE; NAKs a corrupted packet with RESEND and an unexpected one with BAD_CONTEXT; retransmits
/// its last packet when NAKed RESEND; sends a presented code (a barcode, or the ICAO specimen MRZ) as DECODE_DATA,
/// split into continued packets, the next one after each ACK. It powers up scan-enabled, as decoders do.
/// </summary>
public sealed class SsiScannerEmulator(TimeProvider time, TimeSpan bootTime) : DeviceEmulator(time, bootTime)
{
    public const string DefaultRevision = "PAABLS00-005-R04 D0 SE4750 0A2B";

    private readonly Dictionary<byte, byte> _permanent = [];
    private readonly Dictionary<byte, byte> _temporary = [];
    private readonly Queue<SsiPacket> _outgoing = new();
    private SsiPacket? _lastSent;
    private bool _scanEnabled = true;
    private bool _decoding;
    private SsiNakCause? _nakEverything;
    private bool _nakOnce;

    protected override IReadOnlyList<string> DeviceFaultNames { get; } =
        ["nak_resend", "nak_bad_context", "nak_denied", "nak_once", "naks_off", "decode_barcode", "decode_mrz"];

    /// <summary>What REQUEST_REVISION returns.</summary>
    public string Revision { get; set; } = DefaultRevision;

    /// <summary>What <c>decode_barcode</c> presents.</summary>
    public string Barcode { get; set; } = "KIOSK-BOOKING-000451";

    public byte BarcodeType { get; set; } = SsiDecodeData.Code128;

    /// <summary>The code type sent with the MRZ (OCR-B; the value is unverified).</summary>
    public byte MrzType { get; set; } = SsiDecodeData.OcrB;

    /// <summary>Data bytes per DECODE_DATA packet: small enough that the 90-character MRZ is a multi-packet message.</summary>
    public int MaxPacketData { get; set; } = 64;

    public bool ScanEnabled
    {
        get { lock (State) { return _scanEnabled; } }
    }

    /// <summary>The value of a parameter (temporary overrides permanent), or null if never set.</summary>
    public byte? Parameter(byte number)
    {
        lock (State)
        {
            return _temporary.TryGetValue(number, out var t) ? t : _permanent.TryGetValue(number, out var p) ? p : null;
        }
    }

    /// <summary>Holds a code under the window. Decoded only if scanning is enabled and a decode session runs.</summary>
    /// <returns>Whether the decoder read it.</returns>
    public bool Present(string text, byte codeType)
    {
        lock (State)
        {
            if (!_scanEnabled || !_decoding)
            {
                return false;
            }

            _decoding = false; // a good read ends the session, as releasing the trigger does
            foreach (var packet in SsiDecodeData.Split(codeType, Encoding.Latin1.GetBytes(text), MaxPacketData))
            {
                _outgoing.Enqueue(packet);
            }

            var first = _outgoing.Dequeue();
            _lastSent = first;
            Push(first.Encode());
            return true;
        }
    }

    public bool PresentMrz() => Present(MrzSpecimen.Text(), MrzType);

    protected override bool ApplyDeviceFault(string fault)
    {
        switch (fault)
        {
            case "nak_resend": _nakEverything = SsiNakCause.Resend; break;
            case "nak_bad_context": _nakEverything = SsiNakCause.BadContext; break;
            case "nak_denied": _nakEverything = SsiNakCause.Denied; break;
            case "nak_once": _nakOnce = true; break;
            case "naks_off": _nakEverything = null; _nakOnce = false; break;
            case "decode_barcode": Present(Barcode, BarcodeType); break;
            case "decode_mrz": PresentMrz(); break;
            default: return false;
        }

        return true;
    }

    /// <summary>
    /// A power cycle: scan-enabled again, no session, nothing queued, temporary parameters gone; a hung or
    /// confused firmware (silence, garbage, a stuck context) recovers. Corrupting wiring (nak_resend) and a
    /// denying configuration (nak_denied) are not fixed by power.
    /// </summary>
    protected override void OnPowerOn()
    {
        _scanEnabled = true;
        _decoding = false;
        _outgoing.Clear();
        _lastSent = null;
        _temporary.Clear();
        _nakOnce = false;
        if (_nakEverything == SsiNakCause.BadContext)
        {
            _nakEverything = null;
        }

        Fault = LinkFault.None;
    }

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var bytes = input.ToArray();
        var position = 0;
        while (position < bytes.Length)
        {
            switch (SsiPacketReader.FromHost.Inspect(bytes.AsSpan(position), out var frameLength))
            {
                case SsiFrameCheck.NeedMore:
                    return input.GetPosition(position);
                case SsiFrameCheck.BadChecksum:
                    Send(SsiPacket.Nak(SsiSource.Decoder, SsiNakCause.Resend), output, remember: false);
                    position += frameLength;
                    break;
                case SsiFrameCheck.Valid:
                    Handle(SsiPacketReader.Decode(bytes.AsSpan(position, frameLength)), output);
                    position += frameLength;
                    break;
                default:
                    position++;
                    break;
            }
        }

        return input.GetPosition(position);
    }

    private void Handle(SsiPacket packet, IBufferWriter<byte> output)
    {
        switch (packet.Opcode)
        {
            case SsiOpcode.CmdAck:
                if (_outgoing.TryDequeue(out var next))
                {
                    Send(next, output);
                }

                return;
            case SsiOpcode.CmdNak:
                if (packet.Data is [(byte)SsiNakCause.Resend, ..] && _lastSent is { } last)
                {
                    Send(last.AsRetransmission(), output);
                }

                return;
        }

        if (_nakOnce || _nakEverything is not null)
        {
            var cause = _nakOnce ? SsiNakCause.Resend : _nakEverything!.Value;
            _nakOnce = false;
            Send(SsiPacket.Nak(SsiSource.Decoder, cause), output, remember: false);
            return;
        }

        Execute(packet, output);
    }

    private void Execute(SsiPacket packet, IBufferWriter<byte> output)
    {
        switch (packet.Opcode)
        {
            case SsiOpcode.RequestRevision:
                Send(SsiPacket.FromDecoder(SsiOpcode.ReplyRevision, Encoding.ASCII.GetBytes(Revision)), output);
                return;
            case SsiOpcode.ScanEnable:
                _scanEnabled = true;
                break;
            case SsiOpcode.ScanDisable:
                _scanEnabled = false;
                _decoding = false;
                break;
            case SsiOpcode.StartDecode:
                _decoding = true;
                break;
            case SsiOpcode.StopDecode:
                _decoding = false;
                break;
            case SsiOpcode.ParamSend:
                if (!SsiParameters.TryDecodeSend(packet.Data, out var values))
                {
                    Send(SsiPacket.Nak(SsiSource.Decoder, SsiNakCause.Denied), output, remember: false);
                    return;
                }

                var target = (packet.Status & SsiStatus.PermanentChange) != 0 ? _permanent : _temporary;
                foreach (var (number, value) in values)
                {
                    target[number] = value;
                }

                break;
            case SsiOpcode.ParamRequest:
                Send(SsiPacket.FromDecoder(SsiOpcode.ParamSend, SsiParameters.EncodeSend(RequestedParameters(packet.Data))), output);
                return;
            default:
                Send(SsiPacket.Nak(SsiSource.Decoder, SsiNakCause.BadContext), output, remember: false);
                return;
        }

        Send(SsiPacket.Ack(SsiSource.Decoder), output, remember: false);
    }

    private IEnumerable<KeyValuePair<byte, byte>> RequestedParameters(byte[] numbers)
    {
        var all = new SortedDictionary<byte, byte>(_permanent);
        foreach (var (number, value) in _temporary)
        {
            all[number] = value;
        }

        return numbers.Contains(SsiParameters.AllParameters) ? all : all.Where(p => numbers.Contains(p.Key));
    }

    private void Send(SsiPacket packet, IBufferWriter<byte> output, bool remember = true)
    {
        output.Write(packet.Encode());
        if (remember)
        {
            _lastSent = packet;
        }
    }
}
