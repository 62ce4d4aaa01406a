using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Power.Kmtronic;

/// <summary>
/// A KMtronic USB relay board (9600 8N1). Several devices share one board, so commands are serialised here;
/// the link opens on first use and reopens after a fault.
/// </summary>
public sealed class KmtronicRelay(IDeviceLink link, TimeProvider time, TimeSpan replyTimeout) : IPowerRelay, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LinkSession? _session;

    public string Description => $"KMtronic relay on {link.Description}";

    public Task SwitchAsync(int channel, bool on, CancellationToken cancellationToken) =>
        RunAsync(async session =>
        {
            await session.SendAsync(KmtronicFrame.Switch(channel, on), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> ReadAsync(int channel, CancellationToken cancellationToken) =>
        RunAsync(async session =>
        {
            session.DiscardBuffered();
            await session.SendAsync(KmtronicFrame.RequestStatus(channel), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var reply = await session.ReceiveAsync(KmtronicFrameReader.Replies, $"relay status of channel {channel}", replyTimeout, cancellationToken).ConfigureAwait(false);
                if (reply.Channel == channel)
                {
                    return reply.Value == KmtronicFrame.On;
                }
            }
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<LinkSession, Task<T>> command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _session ??= new LinkSession(await link.OpenAsync(cancellationToken).ConfigureAwait(false), link.Description, time);
            return await command(_session).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DeviceFaultException or IOException or UnauthorizedAccessException)
        {
            // Start from a fresh link next time: the board may have been unplugged and plugged back.
            if (_session is not null)
            {
                await _session.DisposeAsync().ConfigureAwait(false);
                _session = null;
            }

            throw new DeviceFaultException("relay_unavailable", $"{Description}: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
