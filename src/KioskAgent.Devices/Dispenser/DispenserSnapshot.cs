using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Dispenser;

/// <summary>How many cards are left in the hopper, as the dispenser's level sensors tell it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HopperLevel>))]
public enum HopperLevel
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>The pre-empty sensor is uncovered: a few cards left.</summary>
    [JsonStringEnumMemberName("low")] Low,

    [JsonStringEnumMemberName("empty")] Empty,
}

/// <summary>Where a card sits in the dispenser's path, derived from its sensors.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardPosition>))]
public enum CardPosition
{
    [JsonStringEnumMemberName("unknown")] Unknown,

    /// <summary>No card in the path.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>At the reading/encoding station inside the dispenser.</summary>
    [JsonStringEnumMemberName("read_position")] ReadPosition,

    /// <summary>At the mouth (card gate), where the guest takes it.</summary>
    [JsonStringEnumMemberName("gate")] Gate,

    /// <summary>In the path between positions (moving, or straddling two sensors).</summary>
    [JsonStringEnumMemberName("transport")] Transport,
}

/// <summary>A card dispenser's detail (api.md, "Device status": dispenser).</summary>
public sealed record DispenserSnapshot : DeviceSnapshot
{
    public HopperLevel Hopper { get; init; }

    public CardPosition CardPosition { get; init; }

    public bool Jam { get; init; }

    /// <summary>Two cards fed at once.</summary>
    public bool Overlap { get; init; }

    /// <summary>The reject (recycle) bin cannot take another captured card.</summary>
    public bool RejectBinFull { get; init; }

    public bool DispenseError { get; init; }

    public bool CaptureError { get; init; }

    /// <summary>The dispenser says it cannot execute commands in its present state.</summary>
    public bool CannotExecute { get; init; }

    /// <summary>The sensors a card covers now (1-based, as the manual numbers them), so a technician can check the sensor-to-position mapping.</summary>
    public IReadOnlyList<int> SensorsCovered { get; init; } = [];

    /// <summary>The unit address the agent talks to (two digits, e.g. <c>00</c>).</summary>
    public string? UnitAddress { get; init; }

    /// <summary>The firmware version the dispenser reported, when it answers the version command.</summary>
    public string? Version { get; init; }

    public static DispenserSnapshot Unknown { get; } = new() { Kind = DeviceKind.Dispenser };
}
