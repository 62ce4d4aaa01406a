using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>
/// The caller of a request that carried a valid integrator token: the token's claims, and what they grant read once
/// (<see cref="Integrator"/>, <see cref="CoversKiosk"/>, <see cref="Scopes"/>) so that access checks do not walk the claims
/// on every request.
/// </summary>
/// <remarks>
/// One instance is built when a token is first validated and then shared by every request carrying that token
/// (<see cref="ValidatedTokenCache"/>). It is therefore read-only: adding an identity, or a claim to its identity,
/// throws instead of leaking into other requests.
/// </remarks>
public sealed class IntegratorPrincipal : ClaimsPrincipal
{
    private readonly string[] _kiosks;
    private readonly string[] _scopes;

    private IntegratorPrincipal(ReadOnlyIdentity identity, string integrator, string[] kiosks, string[] scopes) : base(identity)
    {
        Integrator = integrator;
        _kiosks = kiosks;
        _scopes = scopes;
    }

    /// <summary>The integrator's client id (<c>sub</c>).</summary>
    public string Integrator { get; }

    /// <summary>The scopes the token carries (its space-separated <c>scope</c> claims).</summary>
    public IReadOnlyList<string> Scopes => _scopes;

    /// <summary>The principal of a validated token's identity, copied into a read-only one.</summary>
    public static IntegratorPrincipal From(ClaimsIdentity validated)
    {
        var identity = new ReadOnlyIdentity(validated);
        var kiosks = identity.FindAll(TokenIssuer.KiosksClaim).Select(c => c.Value).ToArray();
        var scopes = identity.FindAll(TokenIssuer.ScopeClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToArray();
        return new IntegratorPrincipal(identity, identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "", kiosks, scopes);
    }

    /// <summary>The integrator behind a request, or null when it carried no valid token (anonymous routes).</summary>
    public static IntegratorPrincipal? Of(HttpContext http) => http.User as IntegratorPrincipal;

    /// <summary>Whether the token's <c>kiosks</c> name this kiosk or hold <see cref="Auth.Scopes.AllKiosks"/>.</summary>
    public bool CoversKiosk(string kioskId)
    {
        foreach (var kiosk in _kiosks)
        {
            if (kiosk == Auth.Scopes.AllKiosks || string.Equals(kiosk, kioskId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasScope(string scope) => Array.IndexOf(_scopes, scope) >= 0;

    public override void AddIdentity(ClaimsIdentity identity) => throw ReadOnly();

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities) => throw ReadOnly();

    private static InvalidOperationException ReadOnly() =>
        new("An integrator principal is shared by every request carrying the same token and cannot be changed.");

    /// <summary>The token's claims, fixed (they are the same for every request that carries the token), matched case-sensitively as the token library does.</summary>
    private sealed class ReadOnlyIdentity(ClaimsIdentity validated)
        : CaseSensitiveClaimsIdentity(validated.Claims, validated.AuthenticationType, validated.NameClaimType, validated.RoleClaimType)
    {
        public override void AddClaim(Claim claim) => throw ReadOnly();

        public override void AddClaims(IEnumerable<Claim?> claims) => throw ReadOnly();

        public override bool TryRemoveClaim(Claim? claim) => throw ReadOnly();

        public override void RemoveClaim(Claim? claim) => throw ReadOnly();
    }
}
