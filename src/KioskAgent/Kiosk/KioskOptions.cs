using KioskAgent.Devices.Links;

namespace KioskAgent.Kiosk;

/// <summary>One kiosk this agent serves (bound from <c>Kiosks:N</c>). Devices sit in sub-sections named after their kind.</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosks";

    /// <summary>The id integrators use in <c>/api/kiosk/{kiosk_id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The power relay board; absent where the kiosk has none (restarts then use each device's reset command).</summary>
    public RelayOptions? Relay { get; set; }
}

/// <summary>The kiosk's relay board (<c>Kiosks:N:Relay</c>).</summary>
public sealed class RelayOptions
{
    public DeviceLinkOptions Link { get; set; } = new();

    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
