namespace KioskAgent.Journal.Entries;

/// <summary>Which entries to read, newest first. Every filter is optional.</summary>
public sealed record EventQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Only this kiosk's entries (plus agent-wide ones when <see cref="IncludeAgentWide"/>).</summary>
    public string? KioskId { get; init; }

    /// <summary>With <see cref="KioskId"/>: also the entries that belong to no kiosk (authentication).</summary>
    public bool IncludeAgentWide { get; init; } = true;

    /// <summary>With <see cref="IncludeAgentWide"/>: only the agent-wide entries about this client id (see <see cref="Live.FeedFilter"/>).</summary>
    public string? AgentWideClientId { get; init; }

    /// <summary>Only entries that occurred at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only this device's entries (its status key: <c>printer</c>, <c>bill_reader</c>).</summary>
    public string? Device { get; init; }

    public EntryType? Type { get; init; }

    /// <summary>1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The previous page's <see cref="EventPage.NextCursor"/>.</summary>
    public string? Cursor { get; init; }
}

/// <summary>One page of entries, newest first.</summary>
/// <param name="Entries">At most the query's limit.</param>
/// <param name="NextCursor">Pass it back for the older entries; null when there are none.</param>
public sealed record EventPage(IReadOnlyList<JournalEntry> Entries, string? NextCursor);
