using System.Net;
using KioskAgent.Devices.Runtime;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace KioskAgent.Observability.Metrics;

/// <summary>
/// OpenTelemetry metrics with a Prometheus scrape endpoint (<c>Metrics:Path</c>, default <c>/metrics</c>): the
/// devices (<see cref="DeviceMetrics"/>, <see cref="RestartMetrics"/>) and ASP.NET Core's HTTP server metrics.
/// <c>Metrics:Exposure</c> decides who may scrape: Off (the path answers 404), Loopback (default) or Anywhere.
/// </summary>
public static class AgentMetrics
{
    /// <summary>
    /// ASP.NET Core's meters that this agent exports: request durations (<c>http.server.request.duration</c>, whose
    /// count is also the request rate), Kestrel's connections, and unhandled exceptions. The instrumentation package's
    /// default set also turned on the routing, authentication and authorization meters, three more instrument updates on
    /// every request (profiled: metric aggregation was the largest single cost of a status request) that say nothing
    /// the request metrics don't; <see cref="DroppedInstruments"/> are left out for the same reason.
    /// </summary>
    internal static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics"];

    /// <summary>
    /// <c>http.server.active_requests</c>: two more updates on every request (at its start and its end) for a gauge that
    /// Kestrel's <c>kestrel.active_connections</c> and the request rate already bound on a kiosk (README, Benchmarks).
    /// </summary>
    internal static readonly string[] DroppedInstruments = ["http.server.active_requests"];

    public static IServiceCollection AddAgentMetrics(this IServiceCollection services)
    {
        // Read when the host starts (every configuration source counts); a bad path stops the agent naming the key.
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.Path.StartsWith('/') && !o.Path.StartsWith("/api", StringComparison.OrdinalIgnoreCase),
                "Metrics:Path must start with '/' and must not be under /api.")
            .ValidateOnStart();
        services.AddSingleton<DeviceMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceMetrics>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("kioskagent"))
            .WithMetrics(metrics => metrics
            .AddMeter(DeviceMetrics.MeterName, RestartMetrics.MeterName)
            .AddMeter(AspNetCoreMeters)
            .AddView(instrument => DroppedInstruments.Contains(instrument.Name) ? MetricStreamConfiguration.Drop : null)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>The scrape endpoint, answered before authentication; requests it may not serve fall through to 404.</summary>
    public static IApplicationBuilder UseAgentMetricsEndpoint(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Exposure == MetricsExposure.Off)
        {
            return app;
        }

        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => context.Request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase) && MayScrape(options.Exposure, context));
    }

    internal static bool MayScrape(MetricsExposure exposure, HttpContext context) => exposure switch
    {
        MetricsExposure.Anywhere => true,
        MetricsExposure.Loopback => context.Connection.RemoteIpAddress is { } address
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address),
        _ => false,
    };
}
