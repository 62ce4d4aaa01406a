using System.Text.Json.Serialization;

namespace KioskAgent.Journal.Entries;

/// <summary>
/// One line of the journal. <see cref="Id"/> increases with every entry and is never reused: it is the live
/// feed's event id and the events API's paging position.
/// </summary>
/// <param name="Id">Monotonically increasing.</param>
/// <param name="Type">What the entry records; <see cref="Detail"/> is of the matching type.</param>
/// <param name="KioskId">The kiosk, or null for an agent-wide entry (authentication).</param>
/// <param name="Device">The device's status key (<c>printer</c>, <c>bill_reader</c>), or null.</param>
/// <param name="OccurredAt">When the agent saw it happen (UTC, millisecond precision).</param>
/// <param name="Detail">The type's fields.</param>
public sealed record JournalEntry(
    long Id,
    EntryType Type,
    string? KioskId,
    string? Device,
    DateTimeOffset OccurredAt,
    [property: JsonPropertyName("data")] EntryDetail Detail);

/// <summary>The fields particular to one type of entry.</summary>
[JsonDerivedType(typeof(TransitionDetail))]
[JsonDerivedType(typeof(RestartDetail))]
[JsonDerivedType(typeof(AuthenticationDetail))]
public abstract record EntryDetail
{
    [JsonIgnore]
    public abstract EntryType Type { get; }
}

/// <summary>An entry not yet written: the store gives it its id.</summary>
internal sealed record PendingEntry(string? KioskId, string? Device, DateTimeOffset OccurredAt, EntryDetail Detail)
{
    public JournalEntry WithId(long id) => new(id, Detail.Type, KioskId, Device, OccurredAt, Detail);
}
