using KioskAgent.Envelope;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>A token that passed the library's checks but breaks one of ours (crit, iat).</summary>
public sealed class IntegratorTokenRejectedException(string message) : SecurityTokenValidationException(message);

/// <summary>
/// The checks the token library does not make, and the 401/403 replies in the envelope with a
/// <c>WWW-Authenticate</c> header (RFC 6750) whose description says what was wrong without echoing the token.
/// </summary>
public sealed class IntegratorTokenEvents(IOptions<AuthOptions> options, TimeProvider time, ILogger<IntegratorTokenEvents> logger) : JwtBearerEvents
{
    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail(new IntegratorTokenRejectedException("The token is not a JWS compact token."));
            return Task.CompletedTask;
        }

        // RFC 7515 §4.1.11: a crit header lists extensions the recipient must understand; this agent understands none.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail(new IntegratorTokenRejectedException("The token has a crit header naming extensions this agent does not support."));
        }
        else if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var issuedAt))
        {
            context.Fail(new IntegratorTokenRejectedException("The token has no iat (issued at) claim."));
        }
        else if (DateTimeOffset.FromUnixTimeSeconds(issuedAt) > time.GetUtcNow() + options.Value.ClockSkew)
        {
            context.Fail(new IntegratorTokenRejectedException("The token's iat (issued at) is in the future."));
        }

        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var hasToken = context.Request.Headers.Authorization.Count > 0;
        var reason = context.AuthenticateFailure is { } failure ? Describe(failure)
            : hasToken ? "The Authorization header must be 'Bearer <token>'."
            : "A bearer token is required: get one from POST /api/auth.";
        AuthLog.TokenRejected(logger, context.Request.Method, context.Request.Path, reason);

        // RFC 6750 §3.1: a request without credentials gets no error code; a bad token gets invalid_token.
        context.Response.Headers.WWWAuthenticate = hasToken
            ? $"Bearer error=\"invalid_token\", error_description=\"{reason}\""
            : "Bearer";
        await EnvelopeWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, null, new ApiError(ErrorCodes.Unauthorized, reason));
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        await EnvelopeWriter.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, null, new ApiError(ErrorCodes.Forbidden, "The token does not allow this request."));
    }

    /// <summary>What was wrong, in words safe to send back: fixed texts, never the library's message (it may quote the token).</summary>
    private static string Describe(Exception failure) => failure switch
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
