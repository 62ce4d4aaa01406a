using System.Text.Json.Serialization;
using KioskAgent.Devices;

namespace KioskAgent.Journal.Entries;

/// <summary>A device's state or error codes changed.</summary>
/// <param name="From">The state word before (<c>Online</c>, <c>Ready</c>...).</param>
/// <param name="To">The state word after.</param>
/// <param name="Reasons">The errors the device reports now: what made it change.</param>
/// <param name="Cleared">Error codes reported before and gone now.</param>
/// <param name="ObservedAt">When the device last answered (null if it has not since the agent started), as in the status routes.</param>
public sealed record TransitionDetail(
    string From,
    string To,
    IReadOnlyList<DeviceError> Reasons,
    IReadOnlyList<string> Cleared,
    DateTimeOffset? ObservedAt) : EntryDetail
{
    [JsonIgnore]
    public override EntryType Type => EntryType.Transition;

    public static TransitionDetail Between(DeviceSnapshot previous, DeviceSnapshot current)
    {
        var now = current.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        return new TransitionDetail(
            previous.State,
            current.State,
            current.Errors,
            previous.Errors.Select(e => e.Code).Where(code => !now.Contains(code)).Distinct(StringComparer.Ordinal).ToArray(),
            current.ObservedAt);
    }
}
