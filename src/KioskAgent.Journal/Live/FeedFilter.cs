using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Live;

/// <summary>Which entries a subscriber sees: one kiosk's (and, optionally, the agent-wide ones), or all.</summary>
/// <param name="KioskId">Null for every kiosk.</param>
/// <param name="IncludeAgentWide">Whether entries of no kiosk (authentication) are included.</param>
public sealed record FeedFilter(string? KioskId, bool IncludeAgentWide = true)
{
    public static FeedFilter All { get; } = new(KioskId: null);

    public bool Matches(JournalEntry entry) =>
        KioskId is null || string.Equals(entry.KioskId, KioskId, StringComparison.Ordinal) || (IncludeAgentWide && entry.KioskId is null);
}
