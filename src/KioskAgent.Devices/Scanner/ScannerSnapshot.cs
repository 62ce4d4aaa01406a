using System.Text.Json.Serialization;

namespace KioskAgent.Devices.Scanner;

/// <summary>Why the scanner last refused a command (SSI CMD_NAK causes; other backends map theirs).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScannerRefusal>))]
public enum ScannerRefusal
{
    /// <summary>The frame arrived corrupted (checksum); a retransmission is asked for.</summary>
    [JsonStringEnumMemberName("resend")] Resend,

    /// <summary>The command does not fit the scanner's current state, or is unknown to it.</summary>
    [JsonStringEnumMemberName("bad_context")] BadContext,

    /// <summary>The command was understood and refused.</summary>
    [JsonStringEnumMemberName("denied")] Denied,

    /// <summary>A cause the agent does not know.</summary>
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>A document/barcode scanner's detail (api.md, "Device status": scanner).</summary>
public sealed record ScannerSnapshot : DeviceSnapshot
{
    /// <summary>The revision string the scanner reports, whole (SSI: REPLY_REVISION).</summary>
    public string? Revision { get; init; }

    /// <summary>The firmware (software) release, the first part of <see cref="Revision"/>.</summary>
    public string? Firmware { get; init; }

    /// <summary>Whether the scanner may decode now. False unless a scan was asked for.</summary>
    public bool ScanEnabled { get; init; }

    /// <summary>The last refusal seen on this connection, even one a retransmission cured.</summary>
    public ScannerRefusal? LastNakReason { get; init; }

    public static ScannerSnapshot Unknown { get; } = new() { Kind = DeviceKind.Scanner };
}
