using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>A token that passed the library's checks but breaks one of ours (crit, iat).</summary>
public sealed class IntegratorTokenRejectedException(string message) : SecurityTokenValidationException(message);

/// <summary>The outcome of checking one token: the caller, or why it was refused.</summary>
public readonly record struct TokenCheck(IntegratorPrincipal? Principal, Exception? Failure);

/// <summary>
/// Every rule an integrator token must pass, in one place: the library's validation with the agent's fixed
/// <see cref="TokenValidation.Parameters"/>, then the checks the library does not make (strict compact form,
/// <c>crit</c>, <c>iat</c>). A token that passed them all goes into <see cref="ValidatedTokenCache"/>: the same token
/// string again skips the parsing, the HMAC and the claims (its <see cref="IntegratorPrincipal"/> is reused) until its
/// <c>exp</c>; the compact-form and <c>iat</c> checks still run on every request.
/// </summary>
public sealed class IntegratorTokenValidator
{
    private readonly JsonWebTokenHandler _handler;
    private readonly TokenValidationParameters _parameters;
    private readonly ValidatedTokenCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _skew;

    public IntegratorTokenValidator(IOptions<AuthOptions> options, SigningKeys keys, ValidatedTokenCache cache, TimeProvider time)
    {
        _cache = cache;
        _handler = new JsonWebTokenHandler { MapInboundClaims = false, MaximumTokenSizeInBytes = TokenValidation.MaximumTokenBytes };
        // One instance for every request: the handler only reads it (the framework cloned it per request in case a
        // metadata refresh changed the keys; this agent has one configured key and no metadata).
        _parameters = TokenValidation.Parameters(options.Value, keys.Key);
        _time = time;
        _skew = options.Value.ClockSkew;
    }

    /// <summary>Judges a token; one served from the cache is judged without copying it into a string.</summary>
    public ValueTask<TokenCheck> Validate(ReadOnlySpan<char> token)
    {
        // RFC 7515 §2/§7.1: the compact serialization is three base64url segments without padding. The token library also
        // decodes padded segments, so one token had several accepted spellings (found by the proof suite's mutations):
        // anything but [A-Za-z0-9_-] and two dots is refused before validation.
        if (!IsCompactJws(token))
        {
            return new(Refused("The token is not a JWS compact token (three base64url segments, no padding)."));
        }

        if (_cache.TryGet(token, out var validated))
        {
            return new(IsIssuedInTheFuture(validated.IssuedAt) ? Refused(FutureIssuedAt) : new TokenCheck(validated.Principal, null));
        }

        var raw = token.ToString();
        Task<TokenValidationResult> validation;
        try
        {
            validation = _handler.ValidateTokenAsync(raw, _parameters);
        }
        catch (Exception e)
        {
            return new(new TokenCheck(null, e));
        }

        return validation.IsCompletedSuccessfully ? new(Judge(raw, validation.Result)) : Awaited(raw, validation);
    }

    private async ValueTask<TokenCheck> Awaited(string raw, Task<TokenValidationResult> validation)
    {
        try
        {
            return Judge(raw, await validation.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            return new TokenCheck(null, e);
        }
    }

    private TokenCheck Judge(string raw, TokenValidationResult result)
    {
        if (!result.IsValid)
        {
            return new TokenCheck(null, result.Exception ?? new SecurityTokenValidationException("The token could not be validated."));
        }

        if (result.SecurityToken is not JsonWebToken token || result.ClaimsIdentity is not { } identity)
        {
            return Refused("The token is not a JWS compact token.");
        }

        // RFC 7515 §4.1.11: a crit header lists extensions the recipient must understand; this agent understands none.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            return Refused("The token has a crit header naming extensions this agent does not support.");
        }

        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var issuedAt))
        {
            return Refused("The token has no iat (issued at) claim.");
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        if (IsIssuedInTheFuture(issued))
        {
            return Refused(FutureIssuedAt);
        }

        var validated = new ValidatedToken(IntegratorPrincipal.From(identity), Utc(token.ValidFrom), Utc(token.ValidTo), issued);
        _cache.Add(raw, validated);
        return new TokenCheck(validated.Principal, null);
    }

    private const string FutureIssuedAt = "The token's iat (issued at) is in the future.";

    private bool IsIssuedInTheFuture(DateTimeOffset issuedAt) => issuedAt > _time.GetUtcNow() + _skew;

    /// <summary>The token library's times are UTC <see cref="DateTime"/>s (<c>MinValue</c> for an absent <c>nbf</c>).</summary>
    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static TokenCheck Refused(string reason) => new(null, new IntegratorTokenRejectedException(reason));

    /// <summary>The base64url alphabet and the segment separator (RFC 4648 §5): searched vectorized, since every request's token passes here.</summary>
    private static readonly System.Buffers.SearchValues<char> CompactJwsChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static bool IsCompactJws(ReadOnlySpan<char> token) =>
        !token.ContainsAnyExcept(CompactJwsChars) && token.Count('.') == 2;
}
