using KioskAgent.Envelope;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>
/// The <c>Bearer</c> scheme's side of a refusal (RFC 6750): the token in <c>Authorization: Bearer &lt;token&gt;</c>
/// (scheme name case-insensitive, surrounding spaces ignored), and the 401 in the envelope with a
/// <c>WWW-Authenticate</c> header whose description says what was wrong without echoing the token.
/// </summary>
public static class BearerChallenge
{
    private const string Prefix = "Bearer ";

    /// <summary>The token of a request's <c>Authorization</c> header; false without one or for another scheme.</summary>
    public static bool TryGetToken(HttpContext http, out ReadOnlySpan<char> token)
    {
        // Two Authorization headers read as one value joined by a comma: never a compact token, so refused.
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            token = default;
            return false;
        }

        token = authorization.AsSpan(Prefix.Length).Trim();
        return true;
    }

    /// <summary>The 401 for a request without a usable token; <paramref name="failure"/> is why its token was refused.</summary>
    public static ApiFailure Unauthorized(HttpContext http, Exception? failure, ILogger logger)
    {
        var hasToken = http.Request.Headers.Authorization.Count > 0;
        var reason = failure is not null ? Describe(failure)
            : hasToken ? "The Authorization header must be 'Bearer <token>'."
            : "A bearer token is required: get one from POST /api/auth.";
        AuthLog.TokenRejected(logger, http.Request.Method, http.Request.Path, reason);

        // RFC 6750 §3.1: a request without credentials gets no error code; a bad token gets invalid_token.
        return new ApiFailure(StatusCodes.Status401Unauthorized, new ApiError(ErrorCodes.Unauthorized, reason))
        {
            Headers = new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = hasToken ? $"Bearer error=\"invalid_token\", error_description=\"{reason}\"" : "Bearer",
            },
        };
    }

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
