namespace KioskAgent.Devices;

/// <summary>
/// How a device is doing, independent of the words its kind uses for it
/// (a healthy printer is "Online", a healthy TPV "Ready", a healthy CPU "Normal").
/// </summary>
public enum DeviceHealth
{
    /// <summary>Answers and can serve.</summary>
    Healthy,

    /// <summary>Answers, but is doing something for someone (a payment in progress).</summary>
    Busy,

    /// <summary>Works, needs attention soon (paper near end, hopper low, cash box nearly full).</summary>
    Warning,

    /// <summary>Answers but cannot serve (paper out, jam, cover open, cash box full).</summary>
    Error,

    /// <summary>No valid answer on its link.</summary>
    Offline,

    /// <summary>A restart is in progress.</summary>
    Restarting,

    /// <summary>Not configured on this kiosk.</summary>
    Disabled,
}

/// <summary>The contract's state vocabulary per device kind (api.md, "Kiosk status").</summary>
public static class DeviceStates
{
    public static string Word(DeviceKind kind, DeviceHealth health) => (kind, health) switch
    {
        (DeviceKind.Cpu, DeviceHealth.Healthy or DeviceHealth.Busy) => "Normal",
        (DeviceKind.Cpu, DeviceHealth.Warning) => "High",
        (DeviceKind.Cpu, DeviceHealth.Error) => "Critical",
        (DeviceKind.Tpv or DeviceKind.BillReader, DeviceHealth.Healthy) => "Ready",
        (DeviceKind.Tpv or DeviceKind.BillReader, DeviceHealth.Busy) => "Busy",
        (_, DeviceHealth.Healthy or DeviceHealth.Busy) => "Online",
        (_, DeviceHealth.Warning) => "Warning",
        (_, DeviceHealth.Error) => "Error",
        (_, DeviceHealth.Offline) => "Offline",
        (_, DeviceHealth.Restarting) => "Restarting",
        (_, DeviceHealth.Disabled) => "Disabled",
        _ => throw new ArgumentOutOfRangeException(nameof(health), health, null),
    };

    /// <summary>The words a kind can report, for documentation.</summary>
    public static IReadOnlyList<string> Vocabulary(DeviceKind kind) =>
        Enum.GetValues<DeviceHealth>().Select(h => Word(kind, h)).Distinct().ToArray();
}
