using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Printer.EscPos;

/// <summary>
/// A receipt printer in ESC/POS mode, polled with DLE EOT 1..4. Automatic Status Back blocks that arrive
/// unprompted are recognised and skipped: the four real-time replies give the whole picture each poll.
/// </summary>
public sealed class EscPosPrinterProtocol(EscPosOptions options) : IDeviceProtocol
{
    private static readonly RealTimeStatusKind[] Queries =
        [RealTimeStatusKind.Printer, RealTimeStatusKind.OfflineCause, RealTimeStatusKind.ErrorCause, RealTimeStatusKind.RollPaper];

    public string Name => "ESC/POS";

    public TimeSpan PollInterval => options.PollInterval;

    public bool HasSoftReset => true;

    /// <summary>Four one-byte real-time replies, each sent "at once" by the printer (Epson: DLE EOT is processed on receipt).</summary>
    public TimeSpan? QuickProbeTimeout => TimeSpan.FromMilliseconds(150);

    public DeviceSnapshot Unknown => PrinterSnapshot.Unknown;

    public Task InitializeAsync(LinkSession session, CancellationToken cancellationToken)
    {
        session.DiscardBuffered();
        return Task.CompletedTask;
    }

    public async Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var replies = new byte[Queries.Length];
        for (var i = 0; i < Queries.Length; i++)
        {
            replies[i] = await QueryAsync(session, Queries[i], cancellationToken).ConfigureAwait(false);
        }

        return EscPosStatus.FromRealTime(replies[0], replies[1], replies[2], replies[3]).ToSnapshot();
    }

    public Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken) =>
        session.SendAsync(EscPosCommands.Initialize, cancellationToken);

    /// <summary>Sends DLE EOT n and waits for its one-byte reply; nothing else is sent meanwhile.</summary>
    private async Task<byte> QueryAsync(LinkSession session, RealTimeStatusKind kind, CancellationToken cancellationToken)
    {
        await session.SendAsync(EscPosCommands.RealTimeStatus(kind), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await session.ReceiveAsync(EscPosReplyReader.Instance, $"DLE EOT {(byte)kind}", options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
            if (!reply.IsAutomaticStatus)
            {
                return reply.RealTime;
            }
        }
    }
}
