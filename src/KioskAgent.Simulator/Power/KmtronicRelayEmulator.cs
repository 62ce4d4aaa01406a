using System.Buffers;
using KioskAgent.Devices.Power.Kmtronic;

namespace KioskAgent.Simulator.Power;

/// <summary>
/// A KMtronic relay board whose channels feed emulated devices: switching a channel off cuts that emulator's
/// supply. Counts completed power cycles per channel, so tests can prove that fifty concurrent restart
/// requests made exactly one.
/// </summary>
public sealed class KmtronicRelayEmulator(TimeProvider time) : DeviceEmulator(time, TimeSpan.Zero)
{
    private readonly Dictionary<int, DeviceEmulator> _wired = [];
    private readonly bool[] _on = Enumerable.Repeat(true, KmtronicFrame.MaxChannel + 1).ToArray();
    private readonly int[] _cycles = new int[KmtronicFrame.MaxChannel + 1];

    protected override IReadOnlyList<string> DeviceFaultNames { get; } = [];

    /// <summary>Feeds <paramref name="device"/> from <paramref name="channel"/> (on at start, as at kiosk power-up).</summary>
    public void Wire(int channel, DeviceEmulator device)
    {
        lock (State)
        {
            _wired[channel] = device;
            device.SetPower(_on[channel]);
        }
    }

    public bool IsOn(int channel)
    {
        lock (State)
        {
            return _on[channel];
        }
    }

    /// <summary>Off-then-on transitions seen on a channel.</summary>
    public int PowerCycles(int channel)
    {
        lock (State)
        {
            return _cycles[channel];
        }
    }

    protected override bool ApplyDeviceFault(string fault) => false;

    protected override SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output)
    {
        var consumed = input.Start;
        var examined = input.End;
        var remaining = input;
        while (KmtronicFrameReader.Commands.TryParseMessage(remaining, ref consumed, ref examined, out var frame))
        {
            remaining = input.Slice(consumed);
            Execute(frame, output);
        }

        return consumed;
    }

    private void Execute(KmtronicFrame frame, IBufferWriter<byte> output)
    {
        int channel = frame.Channel;
        switch (frame.Value)
        {
            case KmtronicFrame.StatusRequest:
                output.Write([KmtronicFrame.Start, frame.Channel, _on[channel] ? KmtronicFrame.On : KmtronicFrame.Off]);
                break;
            case KmtronicFrame.On:
                if (!_on[channel])
                {
                    _cycles[channel]++;
                }

                _on[channel] = true;
                Feed(channel);
                break;
            case KmtronicFrame.Off:
                _on[channel] = false;
                Feed(channel);
                break;
        }
    }

    private void Feed(int channel)
    {
        if (_wired.TryGetValue(channel, out var device))
        {
            device.SetPower(_on[channel]);
        }
    }
}
