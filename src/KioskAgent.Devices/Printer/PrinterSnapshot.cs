using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Printer;

[JsonConverter(typeof(JsonStringEnumConverter<PaperLevel>))]
public enum PaperLevel
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("near_end")] NearEnd,
    [JsonStringEnumMemberName("out")] Out,
}

/// <summary>A receipt printer's detail (api.md, "Device status": printer).</summary>
public sealed record PrinterSnapshot : DeviceSnapshot
{
    public PaperLevel Paper { get; init; }

    public bool CoverOpen { get; init; }

    /// <summary>The printer reports itself offline (it will not print until the cause is gone).</summary>
    public bool PrinterOffline { get; init; }

    public bool CutterError { get; init; }

    public bool MechanicalError { get; init; }

    /// <summary>Needs the supply cut to clear.</summary>
    public bool UnrecoverableError { get; init; }

    /// <summary>Clears by itself, e.g. print head overheated.</summary>
    public bool AutoRecoverableError { get; init; }

    public static PrinterSnapshot Unknown { get; } = new() { Kind = DeviceKind.Printer };
}
