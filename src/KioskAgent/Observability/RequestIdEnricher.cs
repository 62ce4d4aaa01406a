using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.Observability;

/// <summary>
/// Sets <c>RequestId</c> on every log event written while a request is served (pushed on Serilog's log context by
/// <see cref="RequestIds.UseRequestId"/>). It replaces any <c>RequestId</c> already there: ASP.NET Core's hosting
/// scope, if a technician turns its log back on, carries a connection-based id taken before the request id is known.
/// </summary>
public sealed class RequestIdEnricher(string requestId) : ILogEventEnricher
{
    public const string PropertyName = "RequestId";

    private LogEventProperty? _property;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddOrUpdateProperty(_property ??= new LogEventProperty(PropertyName, new ScalarValue(requestId)));
}
