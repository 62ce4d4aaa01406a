using System.IO.Pipelines;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Links;
using Nerdbank.Streams;

namespace KioskAgent.Devices.Tests.Dispenser;

/// <summary>
/// A dispenser played by the test, for exact wire sequences the emulator does not produce on its own: every
/// frame the driver sends is recorded (with the clock's time) and answered with whatever bytes the script returns.
/// </summary>
internal sealed class ScriptedDispenser : IAsyncDisposable
{
    public static readonly K720Address Unit00 = K720Address.Unit(0);

    private readonly Stream _deviceSide;
    private readonly TimeProvider _time;
    private readonly Func<K720Frame, byte[]?> _script;
    private readonly List<(K720Frame Frame, long At)> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private ScriptedDispenser(Stream deviceSide, TimeProvider time, Func<K720Frame, byte[]?> script)
    {
        _deviceSide = deviceSide;
        _time = time;
        _script = script;
        _serving = Task.Run(ServeAsync);
    }

    public LinkSession Session { get; private init; } = null!;

    /// <summary>A driver-side session wired to a scripted device.</summary>
    public static ScriptedDispenser Start(TimeProvider time, Func<K720Frame, byte[]?> script)
    {
        var (agentSide, deviceSide) = FullDuplexStream.CreatePair();
        return new ScriptedDispenser(deviceSide, time, script) { Session = new LinkSession(agentSide, "scripted:dispenser", time) };
    }

    public static byte[] Ack(K720Address? address = null) => K720Frame.Control(K720Control.Ack, address ?? Unit00).Encode();

    public static byte[] Nak() => K720Frame.Control(K720Control.Nak, Unit00).Encode();

    public static byte[] Reply(string text, K720Address? address = null) => K720Frame.Packet(address ?? Unit00, text).Encode();

    /// <summary>A well-behaved unit 00 with everything clear.</summary>
    public static byte[]? Healthy(K720Frame frame) => frame.Kind switch
    {
        K720Control.Stx => Ack(),
        K720Control.Enq => Reply("SF0000"),
        _ => null,
    };

    /// <summary>A unit 00 that acknowledges every packet and, on ENQ, replies with <paramref name="replyTo"/>(command text); null: no reply.</summary>
    public static Func<K720Frame, byte[]?> Answering(Func<string, string?> replyTo)
    {
        string? command = null;
        return frame =>
        {
            switch (frame.Kind)
            {
                case K720Control.Stx:
                    command = frame.Text;
                    return Ack();
                case K720Control.Enq when command is not null && replyTo(command) is { } text:
                    return Reply(text);
                default:
                    return null;
            }
        };
    }

    public IReadOnlyList<K720Frame> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received.Select(r => r.Frame)];
            }
        }
    }

    public int Count(K720Control kind, string? text = null) => Received.Count(f => f.Kind == kind && (text is null || f.Text == text));

    /// <summary>When each frame arrived, on the test's clock.</summary>
    public IReadOnlyList<long> ArrivalTimes
    {
        get
        {
            lock (_received)
            {
                return [.. _received.Select(r => r.At)];
            }
        }
    }

    /// <summary>Pulls the cable: the driver's next read or write fails.</summary>
    public void Unplug() => _deviceSide.Dispose();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Session.DisposeAsync();
        _deviceSide.Dispose();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var reader = PipeReader.Create(_deviceSide);
        while (!_stop.IsCancellationRequested)
        {
            var result = await reader.ReadAsync(_stop.Token);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            var remaining = buffer;
            while (K720FrameReader.Commands.TryParseMessage(remaining, ref consumed, ref examined, out var frame))
            {
                remaining = buffer.Slice(consumed);
                lock (_received)
                {
                    _received.Add((frame, _time.GetTimestamp()));
                }

                if (_script(frame) is { } answer)
                {
                    await _deviceSide.WriteAsync(answer, _stop.Token);
                    await _deviceSide.FlushAsync(_stop.Token);
                }
            }

            reader.AdvanceTo(consumed, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
