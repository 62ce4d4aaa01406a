using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.Observability;

/// <summary>
/// Sets <c>RequestId</c> to the request id (<see cref="RequestIds"/>) on every log event written while a request is
/// served, found through ASP.NET Core's <see cref="IHttpContextAccessor"/>. It replaces any <c>RequestId</c> already
/// there: ASP.NET Core's hosting scope, if a technician turns its log back on, carries a connection-based id.
/// </summary>
/// <remarks>
/// The accessor costs the host one change of the ambient execution context per request. Pushing the id on Serilog's
/// log context instead allocated as much per status request (measured) and needed an asynchronous middleware.
/// </remarks>
public sealed class RequestIdEnricher(IHttpContextAccessor requests) : ILogEventEnricher
{
    public const string PropertyName = "RequestId";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (requests.HttpContext is { } http)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty(PropertyName, new ScalarValue(RequestIds.Of(http))));
        }
    }
}
