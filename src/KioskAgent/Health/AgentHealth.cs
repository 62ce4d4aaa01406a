using KioskAgent.Devices.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Health;

/// <summary>
/// Ready once the device registry is built and every hosted service (device supervisors, the CPU monitor) has
/// started: before that, kiosk status would answer from snapshots nobody keeps fresh yet.
/// </summary>
public sealed class DevicesReadyCheck(DeviceRegistry registry, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("starting")
            : lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : !registry.KioskIds.Any() ? HealthCheckResult.Unhealthy("no kiosk configured")
            : HealthCheckResult.Healthy());
}

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (it can serve kiosk status); anonymous, plain-text bodies.</summary>
public static class AgentHealth
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddAgentHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
            .AddCheck<DevicesReadyCheck>("devices", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapAgentHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains(Live) });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }
}
