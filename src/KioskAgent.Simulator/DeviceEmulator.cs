using System.Buffers;
using System.IO.Pipelines;
using KioskAgent.Devices.Links;

namespace KioskAgent.Simulator;

/// <summary>
/// The device side of a link: a powered, booting peer that parses commands with the driver's codec and answers
/// in bytes. Subclasses hold the device state and implement <see cref="Respond"/>; this class owns the serve
/// loop, power, boot time and the protocol-independent faults. Unpowered or booting, it drops what it receives,
/// as a real device without supply does.
/// </summary>
public abstract class DeviceEmulator : IStreamPeer
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _attachGate = new();
    private CancellationTokenSource? _serving;
    private Stream? _stream;
    private long _bootedAtTimestamp;
    private bool _powered = true;

    protected DeviceEmulator(TimeProvider time, TimeSpan bootTime)
    {
        Time = time;
        BootTime = bootTime;
        _bootedAtTimestamp = time.GetTimestamp();
    }

    protected TimeProvider Time { get; }

    /// <summary>Guards the device state: commands arrive on the serve loop, faults from tests and the console.</summary>
    protected Lock State { get; } = new();

    /// <summary>Time from power-on to the first answer.</summary>
    public TimeSpan BootTime { get; set; }

    /// <summary>Extra boot time on the next power-on only (the "slow boot" fault).</summary>
    public TimeSpan SlowBootExtra { get; set; }

    public LinkFault Fault { get; set; }

    public bool IsPowered
    {
        get { lock (State) { return _powered; } }
    }

    /// <summary>Powered, booted and not silenced.</summary>
    public bool IsAnswering
    {
        get
        {
            lock (State)
            {
                return IsAnsweringLocked();
            }
        }
    }

    private bool IsAnsweringLocked() => _powered && Time.GetTimestamp() >= _bootedAtTimestamp && Fault != LinkFault.Silence;

    /// <summary>Commands answered since creation (for tests: proves the peer really talked).</summary>
    public long CommandsAnswered => Interlocked.Read(ref _commandsAnswered);

    private long _commandsAnswered;

    /// <summary>The faults <see cref="Inject"/> understands: the link faults, then the device's own.</summary>
    public IReadOnlyList<string> FaultNames => [.. LinkFaultNames, .. DeviceFaultNames];

    private static readonly string[] LinkFaultNames = ["none", "silence", "garbage", "slow_boot"];

    /// <summary>The device's own faults and repairs, e.g. <c>paper_out</c>, <c>paper_ok</c>.</summary>
    protected abstract IReadOnlyList<string> DeviceFaultNames { get; }

    /// <summary>
    /// Applies a fault or a repair by name (the console, the development endpoint and tests use this).
    /// <c>none</c> lifts the link faults; device faults are lifted by their repair names.
    /// </summary>
    /// <returns>False for an unknown name.</returns>
    public bool Inject(string fault)
    {
        lock (State)
        {
            switch (fault)
            {
                case "none":
                    Fault = LinkFault.None;
                    return true;
                case "silence":
                    Fault = LinkFault.Silence;
                    return true;
                case "garbage":
                    Fault = LinkFault.Garbage;
                    return true;
                case "slow_boot":
                    SlowBootExtra = BootTime + TimeSpan.FromSeconds(5);
                    return true;
                default:
                    return ApplyDeviceFault(fault);
            }
        }
    }

    /// <summary>Applies a device fault by name; called with <see cref="State"/> held.</summary>
    protected abstract bool ApplyDeviceFault(string fault);

    /// <summary>Supply switched by the relay (or by a test).</summary>
    public void SetPower(bool on)
    {
        lock (State)
        {
            if (on == _powered)
            {
                return;
            }

            _powered = on;
            if (on)
            {
                var boot = BootTime + SlowBootExtra;
                SlowBootExtra = TimeSpan.Zero;
                _bootedAtTimestamp = Time.GetTimestamp() + (long)(boot.TotalSeconds * Time.TimestampFrequency);
                OnPowerOn();
            }
        }
    }

    /// <inheritdoc />
    public void Attach(Stream deviceSide)
    {
        CancellationTokenSource serving;
        lock (_attachGate)
        {
            _serving?.Cancel();
            _serving?.Dispose();
            _serving = serving = new CancellationTokenSource();
            _stream = deviceSide;
        }

        _ = Task.Run(() => ServeAsync(deviceSide, serving.Token));
    }

    /// <summary>
    /// Answers the complete commands at the start of <paramref name="input"/>, writing replies to
    /// <paramref name="output"/>; returns how far it consumed. Called with <see cref="State"/> held.
    /// </summary>
    protected abstract SequencePosition Respond(ReadOnlySequence<byte> input, IBufferWriter<byte> output);

    /// <summary>Power came back: reset volatile state (called with <see cref="State"/> held).</summary>
    protected virtual void OnPowerOn()
    {
    }

    /// <summary>Sends bytes nobody asked for (e.g. ESC/POS Automatic Status Back), if answering.</summary>
    protected void Push(ReadOnlyMemory<byte> bytes)
    {
        var stream = _stream;
        if (stream is null || !IsAnswering)
        {
            return;
        }

        _ = WriteAsync(stream, bytes, CancellationToken.None);
    }

    private async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var output = new ArrayBufferWriter<byte>(256);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = buffer.End;
                output.ResetWrittenCount();
                // One decision under the lock: power, boot, silence and garbage are read together.
                lock (State)
                {
                    if (IsAnsweringLocked())
                    {
                        if (Fault == LinkFault.Garbage)
                        {
                            output.Write(RandomGarbage(buffer.Length));
                        }
                        else
                        {
                            consumed = Respond(buffer, output);
                        }
                    }
                }

                reader.AdvanceTo(consumed, buffer.End);
                if (output.WrittenCount > 0)
                {
                    Interlocked.Increment(ref _commandsAnswered);
                    await WriteAsync(stream, output.WrittenMemory.ToArray(), cancellationToken).ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The agent closed its end or plugged a new cable in (Attach): this connection is over.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The link is gone; the next Attach brings a new one.
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static byte[] RandomGarbage(long inputLength)
    {
        var garbage = new byte[Math.Clamp((int)inputLength, 1, 64)];
        Random.Shared.NextBytes(garbage);
        return garbage;
    }
}
