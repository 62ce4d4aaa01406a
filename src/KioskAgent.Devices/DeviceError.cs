using System.Text.Json.Serialization;

namespace KioskAgent.Devices;

/// <summary>What recovers an error, after XFS4IoT's error actions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecoveryAction>))]
public enum RecoveryAction
{
    /// <summary>A restart may help.</summary>
    [JsonStringEnumMemberName("reset")] Reset,

    /// <summary>On-site staff: load paper, clear a jam, empty the cash box.</summary>
    [JsonStringEnumMemberName("clear")] Clear,

    /// <summary>A technician is needed.</summary>
    [JsonStringEnumMemberName("maintenance")] Maintenance,
}

/// <summary>One thing wrong with a device, with what recovers it.</summary>
/// <param name="Code">Stable snake_case code, e.g. <c>paper_out</c>.</param>
/// <param name="Message">For a human reader.</param>
/// <param name="Action">What recovers it.</param>
public sealed record DeviceError(string Code, string Message, RecoveryAction Action);
