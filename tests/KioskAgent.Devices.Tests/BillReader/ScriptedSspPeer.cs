using System.IO.Pipelines;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Links;
using Nerdbank.Streams;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>
/// A validator whose every answer the test decides: for each packet received, <c>answer</c> returns the raw bytes
/// to send back (null: stay silent). Records what it received, so tests can compare resent packets byte for byte.
/// </summary>
internal sealed class ScriptedSspPeer : IAsyncDisposable
{
    private readonly Stream _device;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly List<SspFrame> _received = [];

    public ScriptedSspPeer(Func<SspFrame, byte[]?> answer)
    {
        var (agent, device) = FullDuplexStream.CreatePair();
        _device = device;
        Session = new LinkSession(agent, "scripted", TimeProvider.System);
        _serving = Task.Run(() => ServeAsync(answer));
    }

    public LinkSession Session { get; }

    public IReadOnlyList<SspFrame> Received
    {
        get { lock (_received) { return [.. _received]; } }
    }

    /// <summary>An OK reply to <paramref name="frame"/> with the given bytes after F0.</summary>
    public static byte[] Reply(SspFrame frame, params byte[] data) => SspFrame.Encode(frame.SeqId, data);

    /// <summary>The emulator's identity answers, so that a protocol gets through InitializeAsync.</summary>
    public static byte[]? Identity(SspFrame frame) => (SspCommand)frame.Data[0] switch
    {
        SspCommand.Sync => Reply(frame, 0xF0),
        SspCommand.SetupRequest => Reply(frame, [0xF0, .. SspIdentity.EncodeSetup(new(0, "EUR", [5, 10], 6), "0200", 1)]),
        SspCommand.SerialNumber => Reply(frame, [0xF0, .. SspIdentity.EncodeSerialNumber(42)]),
        SspCommand.Firmware => Reply(frame, [0xF0, .. "NV0200"u8]),
        _ => null,
    };

    private async Task ServeAsync(Func<SspFrame, byte[]?> answer)
    {
        var reader = PipeReader.Create(_device);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                var examined = buffer.End;
                while (SspFrameReader.Instance.TryParseMessage(buffer.Slice(consumed), ref consumed, ref examined, out var frame))
                {
                    lock (_received)
                    {
                        _received.Add(frame);
                    }

                    if (answer(frame) is { } reply)
                    {
                        await _device.WriteAsync(reply, _stop.Token);
                        await _device.FlushAsync(_stop.Token);
                    }
                }

                reader.AdvanceTo(consumed, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The test is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Session.DisposeAsync();
        await _serving;
        _stop.Dispose();
    }
}
