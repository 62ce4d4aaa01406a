using System.Net.Sockets;

namespace KioskAgent.Devices.Links;

/// <summary>A TCP socket: a ser2net bridge in raw mode, or a device with its own network port.</summary>
public sealed class TcpLink(DeviceLinkOptions options) : IDeviceLink
{
    public string Description => $"tcp://{options.Host}:{options.Port}";

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.OpenTimeout);
            try
            {
                await client.ConnectAsync(options.Host!, options.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"Connecting to {Description} took longer than {options.OpenTimeout.TotalSeconds:0.#} s.");
            }
            catch (SocketException ex)
            {
                throw new IOException($"Connecting to {Description} failed: {ex.Message}", ex);
            }

            return new NetworkStream(client.Client, ownsSocket: true);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
