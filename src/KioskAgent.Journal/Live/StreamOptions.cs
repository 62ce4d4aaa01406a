namespace KioskAgent.Journal.Live;

/// <summary>The <c>Journal:Stream</c> section: the Server-Sent Events route's limits.</summary>
public sealed class StreamOptions
{
    /// <summary>A heartbeat event is sent this often, so proxies keep the connection and clients notice a dead one.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Live streams served at once; one more is refused with 429 and Retry-After.</summary>
    public int MaxClients { get; set; } = 16;
}
