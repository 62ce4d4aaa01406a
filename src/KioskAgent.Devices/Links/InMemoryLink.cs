using Nerdbank.Streams;

namespace KioskAgent.Devices.Links;

/// <summary>The far end of an in-memory link: an emulator that serves whatever stream it is handed.</summary>
public interface IStreamPeer
{
    /// <summary>Serve the device side of a new connection; the previous one (if any) is abandoned.</summary>
    void Attach(Stream deviceSide);
}

/// <summary>
/// A link to a peer in the same process: each open makes a new full-duplex pair, like plugging a
/// cable in again. Closing the agent's end ends the peer's stream.
/// </summary>
public sealed class InMemoryLink(IStreamPeer peer, string description) : IDeviceLink
{
    public string Description { get; } = description;

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (agentSide, deviceSide) = FullDuplexStream.CreatePair();
        peer.Attach(deviceSide);
        return Task.FromResult(agentSide);
    }
}
