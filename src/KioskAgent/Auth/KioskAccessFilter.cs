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

        if (IntegratorPrincipal.Of(http) is not { } integrator)
        {
            return Refuse(http, "?", "The request carries no integrator token.");
        }

        if (!integrator.CoversKiosk(kioskId))
        {
            return Refuse(http, integrator.Integrator, $"The token does not cover kiosk '{kioskId}'.");
        }

        if (!integrator.HasScope(required.Scope))
        {
            return Refuse(http, integrator.Integrator, $"The token lacks the scope {required.Scope} this route needs.");
        }

        return next(context);
    }

    private ValueTask<object?> Refuse(HttpContext http, string integrator, string reason)
    {
        AuthLog.AccessRefused(logger, integrator, http.Request.Method, http.Request.Path, reason);
        return ValueTask.FromResult<object?>(ApiResults.Forbidden(reason));
    }
}
