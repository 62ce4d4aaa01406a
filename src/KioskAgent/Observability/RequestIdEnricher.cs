using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.Observability;

/// <summary>
/// Sets <c>RequestId</c> to the W3C trace id of the request being served on every log event written during it,
/// replacing the hosting scope's connection-based id, which is taken before the request id is known.
/// </summary>
public sealed class RequestIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (Activity.Current is { } activity)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("RequestId", new ScalarValue(activity.TraceId.ToHexString())));
        }
    }
}
