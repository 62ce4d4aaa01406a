using System.Text.Json.Serialization;

namespace KioskAgent.Devices.BillReader;

[JsonConverter(typeof(JsonStringEnumConverter<CashboxState>))]
public enum CashboxState
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("full")] Full,
    [JsonStringEnumMemberName("removed")] Removed,
}

/// <summary>Where a note is stuck, which decides who can clear it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoteJam>))]
public enum NoteJam
{
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Inside the reader, out of the customer's reach.</summary>
    [JsonStringEnumMemberName("safe")] Safe,

    /// <summary>At the entry: the customer could pull it out.</summary>
    [JsonStringEnumMemberName("unsafe")] Unsafe,
}

/// <summary>What the reader says about itself in its setup reply (known once it has answered).</summary>
/// <param name="UnitType">0 = banknote validator.</param>
/// <param name="CountryCode">The currency its note dataset accepts, e.g. <c>EUR</c>.</param>
/// <param name="ChannelValues">Note value per channel (1-based channels), in the units the dataset uses.</param>
/// <param name="ProtocolVersion">The highest SSP protocol version it speaks.</param>
public sealed record BillReaderSetup(int UnitType, string CountryCode, IReadOnlyList<int> ChannelValues, int ProtocolVersion);

/// <summary>A bill reader's detail (api.md, "Device status": bill reader).</summary>
public sealed record BillReaderSnapshot : DeviceSnapshot
{
    public CashboxState Cashbox { get; init; }

    public NoteJam Jam { get; init; }

    /// <summary>Accepts no note (disabled). The normal idle state: notes are only taken when a sale asks for cash.</summary>
    public bool Inhibited { get; init; }

    /// <summary>A fraud attempt was reported since the reader last reset.</summary>
    public bool FraudAttempt { get; init; }

    /// <summary>The reader reported a reset (power-up or restart) on the current connection.</summary>
    public bool ResetAfterPowerUp { get; init; }

    /// <summary>The reader is still starting up.</summary>
    public bool Initialising { get; init; }

    /// <summary>A note is being read, stacked or rejected right now.</summary>
    public bool NoteInPath { get; init; }

    /// <summary>Channel of the last note credited on this agent's watch, if any.</summary>
    public int? LastCreditChannel { get; init; }

    public string? Firmware { get; init; }

    public string? SerialNumber { get; init; }

    public BillReaderSetup? Setup { get; init; }

    public static BillReaderSnapshot Unknown { get; } = new() { Kind = DeviceKind.BillReader };
}
