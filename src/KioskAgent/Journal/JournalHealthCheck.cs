using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Journal;

/// <summary>
/// A degraded journal makes the agent <c>Degraded</c> (still 200 on <c>/health/ready</c>): status and restarts
/// are served without it, and the operator sees in the log which file failed and why.
/// </summary>
public sealed class JournalHealthCheck(OperationsJournal journal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(journal.Health.IsDegraded
            ? HealthCheckResult.Degraded(journal.Health.Reason)
            : HealthCheckResult.Healthy());
}
