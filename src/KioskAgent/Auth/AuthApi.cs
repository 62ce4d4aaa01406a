using KioskAgent.Envelope;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Recording;
using KioskAgent.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KioskAgent.Auth;

/// <summary>The body of <c>POST /api/auth</c>.</summary>
public sealed record AuthRequest(string? ClientId, string? ClientSecret);

/// <summary><c>POST /api/auth</c>: integrator credentials for a token.</summary>
public static class AuthApi
{
    /// <summary>Credentials are two short strings: anything bigger is not a login.</summary>
    public const long MaxBodyBytes = 4 * 1024;

    public static RouteHandlerBuilder MapAuthApi(this IEndpointRouteBuilder app) => app
        .MapPost("/api/auth", IssueToken)
        .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
        .Accepts<AuthRequest>("application/json")
        .WithTags("Authentication")
        .WithSummary("Exchange integrator credentials for a token")
        .WithDescription("Returns the integrator token (apiToken) that every /api/kiosk route requires, as `Authorization: Bearer <token>`. "
            + "Unknown client id and wrong secret get the same 401. Repeated failures from one address are refused with 429 and Retry-After.")
        .ProducesApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest)
        .ProducesApiError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials)
        .ProducesApiError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge)
        .ProducesApiError(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType)
        .ProducesApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited)
        .WithSuccessExample(ApiExamples.Token);

    public static Results<ApiOk<TokenResponse>, ApiFailure> IssueToken(
        AuthRequest? request, HttpContext http, IntegratorDirectory integrators, TokenIssuer issuer, AuthFailureLimiter limiter, IAuthenticationJournal journal, ILogger<AuthRequest> logger)
    {
        var client = AuthFailureLimiter.ClientOf(http);

        // The journal keeps the client id only when it is a configured one, the address, and the outcome; never the secret.
        void Record(AuthenticationOutcome outcome) =>
            journal.Record(new AuthenticationAttempt(request?.ClientId, integrators.IsConfigured(request?.ClientId), client, outcome));

        if (limiter.Blocked(client) is { } wait)
        {
            AuthLog.RateLimited(logger, client, wait);
            Record(AuthenticationOutcome.RateLimited);
            return RateLimited(wait);
        }

        if (request is not { ClientId: { Length: > 0 } clientId, ClientSecret: { Length: > 0 } secret })
        {
            Record(AuthenticationOutcome.InvalidRequest);
            return ApiResults.BadRequest("The body must be a JSON object with client_id and client_secret, both non-empty strings.");
        }

        if (integrators.Verify(clientId, secret) is not { } integrator)
        {
            // An unknown client id is not echoed: a secret pasted into the wrong field must not reach the log.
            AuthLog.CredentialsRejected(logger, integrators.IsConfigured(clientId) ? clientId : "(unknown)", client);
            var retryAfter = limiter.RecordFailure(client);
            Record(retryAfter is null ? AuthenticationOutcome.InvalidCredentials : AuthenticationOutcome.RateLimited);
            return retryAfter is { } seconds
                ? RateLimited(seconds)
                : new ApiFailure(StatusCodes.Status401Unauthorized, new ApiError(ErrorCodes.InvalidCredentials, "Unknown client id or wrong client secret."))
                {
                    Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" },
                };
        }

        var (token, tokenId) = issuer.Issue(integrator);
        Record(AuthenticationOutcome.Succeeded);
        AuthLog.TokenIssued(logger, tokenId, integrator.ClientId, string.Join(',', token.Kiosks), token.Scope);
        return ApiResults.Ok(token);
    }

    private static ApiFailure RateLimited(int seconds) =>
        new(StatusCodes.Status429TooManyRequests, new ApiError(ErrorCodes.RateLimited, $"Too many failed attempts from this address; retry in {seconds} s."))
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = AuthFailureLimiter.Format(seconds) },
        };
}
