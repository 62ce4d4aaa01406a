using System.Security.Claims;
using KioskAgent.Devices.Runtime;
using KioskAgent.Envelope;

namespace KioskAgent.Auth;

/// <summary>
/// The one place a kiosk route's access is decided, after the bearer token was validated: the kiosk must be
/// served here (404), covered by the token's <c>kiosks</c> (403), and the token must carry the route's
/// <see cref="RequiredScope"/> (403). A route without a declared scope fails closed.
/// </summary>
public sealed class KioskAccessFilter(DeviceRegistry registry, ILogger<KioskAccessFilter> logger) : IEndpointFilter
{
    public const string KioskIdRouteValue = "kiosk_id";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()
            ?? throw new InvalidOperationException($"The route {http.Request.Path} declares no RequiredScope.");
        var kioskId = http.Request.RouteValues[KioskIdRouteValue] as string ?? "";
        if (!registry.Serves(kioskId))
        {
            return ValueTask.FromResult<object?>(ApiResults.KioskNotFound(kioskId));
        }

        var user = http.User;
        if (!CoversKiosk(user, kioskId))
        {
            return Refuse(http, user, $"The token does not cover kiosk '{kioskId}'.");
        }

        if (!HasScope(user, required.Scope))
        {
            return Refuse(http, user, $"The token lacks the scope {required.Scope} this route needs.");
        }

        return next(context);
    }

    public static bool CoversKiosk(ClaimsPrincipal user, string kioskId)
    {
        foreach (var claim in user.FindAll(TokenIssuer.KiosksClaim))
        {
            if (claim.Value == Scopes.AllKiosks || string.Equals(claim.Value, kioskId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.FindAll(TokenIssuer.ScopeClaim))
        {
            foreach (var range in claim.Value.AsSpan().Split(' '))
            {
                if (claim.Value.AsSpan()[range].SequenceEqual(scope))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private ValueTask<object?> Refuse(HttpContext http, ClaimsPrincipal user, string reason)
    {
        AuthLog.AccessRefused(logger, user.FindFirst("sub")?.Value ?? "?", http.Request.Method, http.Request.Path, reason);
        return ValueTask.FromResult<object?>(ApiResults.Forbidden(reason));
    }
}
