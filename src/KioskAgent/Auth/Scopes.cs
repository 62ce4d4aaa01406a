namespace KioskAgent.Auth;

/// <summary>The scopes a token can carry (space-separated in its <c>scope</c> claim, as OAuth 2.0 writes them).</summary>
public static class Scopes
{
    /// <summary>Status routes.</summary>
    public const string Read = "kiosk:read";

    /// <summary>Restart routes.</summary>
    public const string Maintain = "kiosk:maintain";

    public static readonly IReadOnlyList<string> All = [Read, Maintain];

    /// <summary>In a token's <c>kiosks</c> claim: every kiosk this agent serves.</summary>
    public const string AllKiosks = "*";
}

/// <summary>Endpoint metadata: the scope a route needs, enforced by <see cref="KioskAccessFilter"/>.</summary>
public sealed record RequiredScope(string Scope);
