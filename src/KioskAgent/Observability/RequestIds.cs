using System.Diagnostics;

namespace KioskAgent.Observability;

/// <summary>
/// The request id is the request's W3C trace id: 32 lowercase hex characters, the same in the reply, the
/// <c>X-Request-Id</c> header and every log line written while the request is served. An incoming
/// <c>traceparent</c> sets it; where a tracer listens to ASP.NET Core (so the request has an <see cref="Activity"/>),
/// it is that activity's trace id.
/// </summary>
/// <remarks>
/// The agent itself starts no activity per request: ASP.NET Core creates one only for a listener or for its own
/// hosting log, which <see cref="AgentLogging"/> turns off. The activity and its logging scope were, with the
/// active-requests metric, a quarter of what a status request allocated (1724 → 1283 bytes, README Benchmarks); the
/// id needs only the header and a random number.
/// </remarks>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>The id of a request, once <see cref="UseRequestId"/> has run; kept in <see cref="HttpContext.TraceIdentifier"/>.</summary>
    public static string Of(HttpContext context) => context.TraceIdentifier;

    /// <summary>The current activity's trace id, else the one a valid incoming <c>traceparent</c> names, else a fresh one.</summary>
    public static string For(HttpRequest request) =>
        (Activity.Current?.TraceId ?? Incoming(request) ?? ActivityTraceId.CreateRandom()).ToHexString();

    /// <summary>Sets the request id first thing, so every later reply and log line of the request carries it.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var id = For(context.Request);
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        return next(context);
    });

    /// <summary>A malformed <c>traceparent</c> is ignored, as ASP.NET Core ignores it: the request gets a fresh id.</summary>
    private static ActivityTraceId? Incoming(HttpRequest request) =>
        request.Headers.TraceParent is { Count: 1 } header && ActivityContext.TryParse(header[0], null, out var parent)
            ? parent.TraceId
            : null;
}
