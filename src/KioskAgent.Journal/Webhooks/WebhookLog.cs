using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Webhooks;

/// <summary>The webhook dispatcher's log lines (EventIds 4100–4199). Never the secret, never the body.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(4100, LogLevel.Debug, "Webhook delivered entry {EntryId} to {Integrator} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, long entryId, string integrator, int attempt);

    [LoggerMessage(4101, LogLevel.Warning, "Webhook delivery of entry {EntryId} to {Integrator} failed (attempt {Attempt}): {Error}; next attempt at {RetryAt:o}")]
    public static partial void Failed(ILogger logger, long entryId, string integrator, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(4102, LogLevel.Error, "Webhook delivery of entry {EntryId} to {Integrator} given up after {Attempts} attempts: {Error}")]
    public static partial void GaveUp(ILogger logger, long entryId, string integrator, int attempts, string error);

    [LoggerMessage(4103, LogLevel.Warning, "Webhook outbox cannot be read: {Reason}")]
    public static partial void OutboxUnavailable(ILogger logger, string reason);
}
