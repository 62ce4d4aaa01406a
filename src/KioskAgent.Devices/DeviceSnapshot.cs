using System.Text.Json.Serialization;

namespace KioskAgent.Devices;

/// <summary>
/// What was last observed of one device. Immutable: supervisors publish a new one, readers never wait.
/// Each driver derives its own record with the device-specific fields (paper level, hopper level...).
/// </summary>
public record DeviceSnapshot
{
    [JsonIgnore]
    public DeviceKind Kind { get; init; }

    [JsonIgnore]
    public DeviceHealth Health { get; init; } = DeviceHealth.Offline;

    /// <summary>The contract's state word for this kind ("Online", "Ready", "Normal"...).</summary>
    [JsonPropertyOrder(-10)]
    public string State => DeviceStates.Word(Kind, Health);

    /// <summary>When the device last answered (UTC); null if it never has since the agent started.</summary>
    [JsonPropertyOrder(-9)]
    public DateTimeOffset? ObservedAt { get; init; }

    [JsonPropertyOrder(-8)]
    public ConnectionInfo Connection { get; init; } = ConnectionInfo.None;

    [JsonPropertyOrder(-7)]
    public IReadOnlyList<DeviceError> Errors { get; init; } = [];

    /// <summary>A device that is not configured on this kiosk.</summary>
    public static DeviceSnapshot Disabled(DeviceKind kind) =>
        new() { Kind = kind, Health = DeviceHealth.Disabled };
}

/// <summary>How the agent reaches a device.</summary>
/// <param name="Status"><c>connected</c> or <c>disconnected</c>.</param>
/// <param name="Protocol">The wire protocol, e.g. <c>ESC/POS</c>.</param>
/// <param name="Port">The link, e.g. <c>/dev/serial/by-id/usb-EPSON...</c>, <c>tcp://10.0.0.5:9100</c>, <c>emulator</c>.</param>
public sealed record ConnectionInfo(string Status, string? Protocol, string? Port)
{
    public static readonly ConnectionInfo None = new("disconnected", null, null);

    public static ConnectionInfo Connected(string protocol, string port) => new("connected", protocol, port);

    public static ConnectionInfo Disconnected(string protocol, string port) => new("disconnected", protocol, port);
}
