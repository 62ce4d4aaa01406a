using System.Text.Json.Serialization;

namespace KioskAgent.Journal.Entries;

[JsonConverter(typeof(JsonStringEnumConverter<AuthenticationOutcome>))]
public enum AuthenticationOutcome
{
    /// <summary>A token was issued.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>Wrong client id or secret (the reply does not say which, nor does the journal).</summary>
    [JsonStringEnumMemberName("invalid_credentials")] InvalidCredentials,

    /// <summary>Refused because of repeated failures.</summary>
    [JsonStringEnumMemberName("rate_limited")] RateLimited,

    /// <summary>The request was malformed.</summary>
    [JsonStringEnumMemberName("invalid_request")] InvalidRequest,
}

/// <summary>
/// An attempt to obtain a token. Holds no secret and no token, by construction; a client id that is not a
/// configured integrator is not kept either (it may be a secret pasted into the wrong field, or an attacker's
/// noise): <see cref="ClientId"/> is then null and <see cref="ClientKnown"/> false.
/// </summary>
public sealed record AuthenticationDetail(string? ClientId, bool ClientKnown, string? Origin, AuthenticationOutcome Outcome) : EntryDetail
{
    [JsonIgnore]
    public override EntryType Type => EntryType.Authentication;

    public bool Success => Outcome == AuthenticationOutcome.Succeeded;
}
