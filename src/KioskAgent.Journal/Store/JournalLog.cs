using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Store;

/// <summary>The journal's log lines (EventIds 4000–4099).</summary>
internal static partial class JournalLog
{
    [LoggerMessage(4000, LogLevel.Information, "Operations journal open at {Path} (schema version {Version})")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(4001, LogLevel.Error, "Operations journal degraded: {Reason} The agent goes on without recording until the file can be used again.")]
    public static partial void Degraded(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(4002, LogLevel.Information, "Operations journal recovered: {Path} is writable again")]
    public static partial void Recovered(ILogger logger, string path);

    [LoggerMessage(4003, LogLevel.Information, "Operations journal {Path} migrated from schema version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);

    [LoggerMessage(4004, LogLevel.Warning, "Restart {OperationId} of {Device} (kiosk {KioskId}) by {Integrator} never reached an outcome (last phase {LastPhase}): marked interrupted")]
    public static partial void MarkedInterrupted(ILogger logger, Guid operationId, string device, string kioskId, string integrator, string lastPhase);

    [LoggerMessage(4005, LogLevel.Warning, "Operations journal write queue was full: {Dropped} oldest entries dropped (capacity {Capacity}, {Total} since start)")]
    public static partial void QueueOverflow(ILogger logger, long dropped, int capacity, long total);

    [LoggerMessage(4006, LogLevel.Information, "Operations journal pruned {Entries} entries, {Operations} restart records and {Deliveries} webhook deliveries older than {Cutoff:o} or beyond {MaxEntries} entries")]
    public static partial void Pruned(ILogger logger, int entries, int operations, int deliveries, DateTimeOffset cutoff, int maxEntries);

    [LoggerMessage(4007, LogLevel.Error, "Operations journal refused a write; what it held is not recorded")]
    public static partial void WriteRejected(ILogger logger, Exception exception);

    [LoggerMessage(4008, LogLevel.Error, "A device transition of {Device} (kiosk {KioskId}) could not be queued for the journal")]
    public static partial void TransitionNotQueued(ILogger logger, string device, string kioskId, Exception exception);

    [LoggerMessage(4009, LogLevel.Warning, "Operations journal could not prune: {Reason}")]
    public static partial void PruneFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(4010, LogLevel.Information, "Live subscriber {Subscriber} fell {Capacity} entries behind; it catches up from the journal")]
    public static partial void SubscriberOverrun(ILogger logger, long subscriber, int capacity);
}
