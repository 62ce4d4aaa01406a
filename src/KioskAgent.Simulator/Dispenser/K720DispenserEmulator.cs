using System.Buffers;
using KioskAgent.Devices.Dispenser.K720;

namespace KioskAgent.Simulator.Dispenser;

/// <summary>
/// A K720-family card dispenser on the wire: acknowledges intact packets for its address (NAK for damaged or
/// unknown ones), executes on ENQ, drops a pending command on EOT, and answers AP from its
/// <see cref="K720DispenserMechanism"/>. It keeps no inter-character timeout (the manual's 15 ms / 50 ms is
/// *unverified*): a packet cut short is completed by whatever follows, fails its ETX/BCC check and is NAKed, which
/// also resynchronises the parse. It also watches the host: status checks closer than 200 ms and commands
/// sent while RS is still running are counted, so tests can prove the driver never does either.
/// </summary>
public sealed class K720DispenserEmulator : DeviceEmulator
{
    private static readonly byte[] LineNoise = [0xFF, 0x00, 0x7E, 0x41, 0x13];

    private readonly K720EmulatorSettings _settings;
    private readonly K720Address _address;
    private readonly K720DispenserMechanism _mechanism;
    private readonly Dictionary<string, int> _packets = [];
    private K720Command? _awaitingEnq;
    private WireFault _wire;
    private long _busyUntil;
    private long? _lastStatusAt;
    private int _cancellations;
    private int _statusGapViolations;
    private int _commandsWhileBusy;
    private TimeSpan? _shortestStatusGap;

    public K720DispenserEmulator(TimeProvider time, TimeSpan bootTime, K720EmulatorSettings? settings = null)
        : base(time, bootTime)
    {
        _settings = settings ?? new K720EmulatorSettings();
        _address = K720Address.Unit(_settings.Address);
        _mechanism = new K720DispenserMechanism(_settings);
    }

    [Flags]
    private enum WireFault
    {
        None = 0,
        Nak = 1,
        NoReply = 2,
        WrongAddress = 4,
        BadBcc = 8,
        Truncate = 16,
        LineNoise = 32,
    }

    protected override IReadOnlyList<string> DeviceFaultNames { get; } =
    [
        "hopper_full", "hopper_low", "hopper_empty", "dispense_card", "card_taken",
        "jam", "overlap", "clear_jam", "dispense_error", "capture_error", "cannot_execute", "clear_errors",
        "reject_bin_full", "reject_bin_emptied",
        "nak", "no_reply", "wrong_address", "bad_bcc", "truncate", "line_noise", "wire_ok",
    ];

    public K720Status Status => Locked(() => _mechanism.Status);

    public int CardsInHopper => Locked(() => _mechanism.CardsInHopper);

    /// <summary>Intact packets received for this unit carrying <paramref name="commandText"/> (resends included).</summary>
    public int PacketsReceived(string commandText) => Locked(() => _packets.GetValueOrDefault(commandText));

    /// <summary>EOTs received.</summary>
    public int Cancellations => Locked(() => _cancellations);

    /// <summary>AP executed less than 200 ms after the previous one ended.</summary>
    public int StatusGapViolations => Locked(() => _statusGapViolations);

    /// <summary>Packets or ENQs that arrived while RS was still running.</summary>
    public int CommandsWhileBusy => Locked(() => _commandsWhileBusy);

    /// <summary>The shortest time seen between the end of one status check and the next (null before two).</summary>
    public TimeSpan? ShortestStatusGap => Locked(() => _shortestStatusGap);

    protected override bool ApplyDeviceFault(string fault)
    {
        switch (fault)
        {
            case "hopper_full": _mechanism.Refill(); break;
            case "hopper_low": _mechanism.CardsInHopper = _settings.LowThreshold; break;
            case "hopper_empty": _mechanism.CardsInHopper = _settings.EmptyThreshold; break;
            case "dispense_card": _mechanism.Execute(K720Command.Dispense); break;
            case "card_taken": _mechanism.TakeCard(); break;
            case "jam": _mechanism.Jam = true; break;
            case "overlap": _mechanism.Overlap = true; break;
            case "clear_jam": _mechanism.Jam = _mechanism.Overlap = false; break;
            case "dispense_error": _mechanism.DispenseError = true; break;
            case "capture_error": _mechanism.CaptureError = true; break;
            case "cannot_execute": _mechanism.CannotExecute = true; break;
            case "clear_errors":
                _mechanism.Jam = _mechanism.Overlap = false;
                _mechanism.ClearLatches();
                break;
            case "reject_bin_full": _mechanism.FillRejectBin(); break;
            case "reject_bin_emptied": _mechanism.CardsInRejectBin = 0; break;
            case "nak": _wire |= WireFault.Nak; break;
            case "no_reply": _wire |= WireFault.NoReply; break;
            case "wrong_address": _wire |= WireFault.WrongAddress; break;
            case "bad_bcc": _wire |= WireFault.BadBcc; break;
            case "truncate": _wire |= WireFault.Truncate; break;
            case "line_noise": _wire |= WireFault.LineNoise; break;
            case "wire_ok": _wire = WireFault.None; break;
            default: return false;
        }

        return true;
    }

    /// <summary>Power back: the controller forgets the pending command and its latched errors; the card stays put.</summary>
    protected override void OnPowerOn()
    {
        _awaitingEnq = null;
        _busyUntil = 0;
        _lastStatusAt = null;
        _mechanism.ClearLatches();
    }

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var now = Time.GetTimestamp();
        while (true)
        {
            var result = K720FrameReader.Commands.Scan(input, out var start, out var end, out var frame);
            if (result == K720ScanResult.NeedMore)
            {
                return start;
            }

            if (result == K720ScanResult.Malformed)
            {
                Reply(output, K720Frame.Control(K720Control.Nak, _address));
                input = input.Slice(input.GetPosition(1, start));
                continue;
            }

            if (frame.Address == _address)
            {
                Receive(frame, output, now);
            }

            input = input.Slice(end);
        }
    }

    private void Receive(K720Frame frame, IBufferWriter<byte> output, long now)
    {
        if (frame.Kind == K720Control.Eot)
        {
            _awaitingEnq = null;
            _cancellations++;
            return;
        }

        if (now < _busyUntil)
        {
            _commandsWhileBusy++; // the controller is re-initialising: nothing is heard
            return;
        }

        if (frame.IsPacket)
        {
            _packets[frame.Text] = _packets.GetValueOrDefault(frame.Text) + 1;
            _awaitingEnq = (_wire & WireFault.Nak) == 0 ? K720Command.Find(frame.Text) : null;
            Reply(output, K720Frame.Control(_awaitingEnq is null ? K720Control.Nak : K720Control.Ack, _address));
        }
        else if (_awaitingEnq is { } command)
        {
            _awaitingEnq = null;
            Execute(command, output, now);
        }
    }

    private void Execute(K720Command command, IBufferWriter<byte> output, long now)
    {
        if (command == K720Command.Status)
        {
            if (_lastStatusAt is { } last)
            {
                var gap = Time.GetElapsedTime(last, now);
                _shortestStatusGap = _shortestStatusGap is { } shortest && shortest < gap ? shortest : gap;
                _statusGapViolations += gap < TimeSpan.FromMilliseconds(200) ? 1 : 0;
            }

            Reply(output, K720Frame.Packet(_address, _mechanism.Status.ToReplyText()));
            _lastStatusAt = Time.GetTimestamp();
        }
        else if (command == K720Command.Version)
        {
            Reply(output, K720Frame.Packet(_address, _settings.Version));
        }
        else
        {
            _mechanism.Execute(command);
            if (command == K720Command.Reset)
            {
                _busyUntil = now + (long)(_settings.ResetDuration.TotalSeconds * Time.TimestampFrequency);
            }
        }
    }

    /// <summary>Writes a frame as the wire faults bend it.</summary>
    private void Reply(IBufferWriter<byte> output, K720Frame frame)
    {
        if (frame.IsPacket && (_wire & WireFault.NoReply) != 0)
        {
            return;
        }

        if ((_wire & WireFault.WrongAddress) != 0)
        {
            frame = frame with { Address = K720Address.Unit((_address.Number + 1) % 100) };
        }

        var bytes = frame.Encode();
        if (frame.IsPacket && (_wire & WireFault.BadBcc) != 0)
        {
            bytes[^1] ^= 0x5A;
        }

        if (frame.IsPacket && (_wire & WireFault.Truncate) != 0)
        {
            bytes = bytes[..^3];
        }

        if ((_wire & WireFault.LineNoise) != 0)
        {
            output.Write(LineNoise);
        }

        output.Write(bytes);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (State)
        {
            return read();
        }
    }
}
