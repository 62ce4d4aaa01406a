using KioskAgent.Envelope;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>A token that passed the library's checks but breaks one of ours (crit, iat).</summary>
public sealed class IntegratorTokenRejectedException(string message) : SecurityTokenValidationException(message);

/// <summary>
/// The <c>Bearer</c> scheme: the integrator token from <c>Authorization: Bearer &lt;token&gt;</c>, validated by
/// <see cref="IntegratorTokenValidator"/>; 401 and 403 replies in the envelope with a <c>WWW-Authenticate</c> header
/// (RFC 6750) whose description says what was wrong without echoing the token.
/// </summary>
/// <remarks>
/// It replaces the framework's JwtBearer handler, which for every request (cached token or not) cloned the whole
/// validation parameter set, built three event contexts and formatted the ticket's issue and expiry dates as text.
/// The rules are the same (one key, HS256 only, issuer, audience, lifetime, typ, crit, iat); the handler is a plain
/// <see cref="IAuthenticationHandler"/> because nothing of <c>AuthenticationHandler&lt;T&gt;</c>'s per-request options
/// lookup, events or forwarding is used.
/// </remarks>
public sealed class IntegratorBearerHandler(IntegratorTokenValidator validator, ILogger<IntegratorBearerHandler> logger) : IAuthenticationHandler
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    private HttpContext _context = null!;
    private AuthenticationScheme _scheme = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    /// <summary>Judged once per request, however many times authentication and the challenge ask.</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= Authenticate();

    private Task<AuthenticateResult> Authenticate()
    {
        var authorization = _context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult()); // no header, or another scheme: the challenge says how to send one
        }

        var check = validator.Validate(authorization.AsSpan(Prefix.Length).Trim());
        if (check.IsCompleted)
        {
            return Task.FromResult(Result(check.Result));
        }

        return Awaited(check);

        async Task<AuthenticateResult> Awaited(ValueTask<TokenCheck> pending) => Result(await pending.ConfigureAwait(false));
    }

    private AuthenticateResult Result(TokenCheck check) => check.Principal is { } principal
        ? AuthenticateResult.Success(new AuthenticationTicket(principal, _scheme.Name))
        : AuthenticateResult.Fail(check.Failure!);

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        var failure = (await AuthenticateAsync().ConfigureAwait(false)).Failure;
        var hasToken = _context.Request.Headers.Authorization.Count > 0;
        var reason = failure is not null ? Describe(failure)
            : hasToken ? "The Authorization header must be 'Bearer <token>'."
            : "A bearer token is required: get one from POST /api/auth.";
        AuthLog.TokenRejected(logger, _context.Request.Method, _context.Request.Path, reason);

        // RFC 6750 §3.1: a request without credentials gets no error code; a bad token gets invalid_token.
        _context.Response.Headers.WWWAuthenticate = hasToken
            ? $"Bearer error=\"invalid_token\", error_description=\"{reason}\""
            : "Bearer";
        await EnvelopeWriter.WriteAsync(_context, StatusCodes.Status401Unauthorized, null, new ApiError(ErrorCodes.Unauthorized, reason)).ConfigureAwait(false);
    }

    public Task ForbidAsync(AuthenticationProperties? properties) =>
        EnvelopeWriter.WriteAsync(_context, StatusCodes.Status403Forbidden, null, new ApiError(ErrorCodes.Forbidden, "The token does not allow this request."));

    /// <summary>What was wrong, in words safe to send back: fixed texts, never the library's message (it may quote the token).</summary>
    internal static string Describe(Exception failure) => failure switch
    {
        IntegratorTokenRejectedException rejected => rejected.Message,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf).",
        SecurityTokenNoExpirationException => "The token has no exp (expiry) claim.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is invalid.",
        SecurityTokenInvalidAudienceException => "The token is not meant for this agent (aud).",
        SecurityTokenInvalidIssuerException => "The token was not issued by this agent (iss).",
        SecurityTokenInvalidTypeException => $"The token's typ header must be {TokenIssuer.TokenType}.",
        SecurityTokenInvalidAlgorithmException => "The token's algorithm is not accepted (HS256 only).",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is invalid.",
        SecurityTokenMalformedException => "The token is malformed or too large.",
        _ => "The token is invalid.",
    };
}

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
