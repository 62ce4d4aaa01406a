using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Kiosk;

/// <summary>What every device section has (<c>Kiosks:N:Printer</c>, <c>Kiosks:N:Dispenser</c>...).</summary>
public class DeviceOptions
{
    /// <summary>False keeps the section but reports the device <c>Disabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    public DeviceLinkOptions Link { get; set; } = new();

    /// <summary>The relay channel that feeds the device; without one, restarts use the device's reset command.</summary>
    public int? RelayChannel { get; set; }

    public SupervisorOptions Supervisor { get; set; } = new();

    /// <summary>For <c>Link:Kind=Emulator</c>: time from power-on to the emulator's first answer.</summary>
    public TimeSpan EmulatorBootTime { get; set; } = TimeSpan.FromMilliseconds(800);
}
