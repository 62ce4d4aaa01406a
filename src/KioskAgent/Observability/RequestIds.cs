using System.Diagnostics;

namespace KioskAgent.Observability;

/// <summary>
/// The request id is the request's W3C trace id: 32 lowercase hex characters, the same in the reply, the
/// <c>X-Request-Id</c> header, the log lines and any trace. An incoming <c>traceparent</c> sets it (ASP.NET Core
/// makes the request's <see cref="Activity"/> a child of it).
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>The id of a request, once <see cref="UseRequestId"/> has run; kept in <see cref="HttpContext.TraceIdentifier"/>.</summary>
    public static string Of(HttpContext context) => context.TraceIdentifier;

    /// <summary>The current trace id, or a fresh one where no activity runs (no listener at all).</summary>
    public static string Current() => (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();

    /// <summary>Sets the request id first thing, so every later reply and log line of the request carries it.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var id = Current();
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        return next(context);
    });
}
