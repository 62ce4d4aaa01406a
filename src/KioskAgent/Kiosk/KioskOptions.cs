using KioskAgent.Devices.Links;

namespace KioskAgent.Kiosk;

/// <summary>One kiosk this agent serves (bound from <c>Kiosks:N</c>).</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosks";

    /// <summary>The id integrators use in <c>/api/kiosk/{kiosk_id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The power relay board; null where the kiosk has none (restarts then use soft reset).</summary>
    public DeviceLinkOptions? Relay { get; set; }
}
