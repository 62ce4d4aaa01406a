using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Live;

/// <summary>Which entries a subscriber sees: one kiosk's (and, optionally, agent-wide ones), or all.</summary>
/// <param name="KioskId">Null for every kiosk.</param>
/// <param name="IncludeAgentWide">Whether entries of no kiosk (authentication) are included.</param>
/// <param name="AgentWideClientId">
/// When set, only the agent-wide entries about this client id: an integrator sees its own logins and failed
/// attempts, not another integrator's id and address.
/// </param>
public sealed record FeedFilter(string? KioskId, bool IncludeAgentWide = true, string? AgentWideClientId = null)
{
    public static FeedFilter All { get; } = new(KioskId: null);

    public bool Matches(JournalEntry entry) =>
        KioskId is null
        || string.Equals(entry.KioskId, KioskId, StringComparison.Ordinal)
        || (entry.KioskId is null && IncludeAgentWide
            && (AgentWideClientId is null || (entry.Detail is AuthenticationDetail { ClientId: { } client } && client == AgentWideClientId)));
}
