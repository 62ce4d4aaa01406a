using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Auth;

/// <summary>
/// Counts failed credential checks per client address in a fixed window. Only failures use up the budget, so a
/// correctly configured backend is never throttled; once it is spent, every attempt from that address gets 429
/// until the window ends, right credentials included, so guessing cannot go on at a slower pace unnoticed.
/// </summary>
public sealed class AuthFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AuthFailureLimiter(IOptions<AuthOptions> options)
    {
        var limit = options.Value.FailureLimit;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The key of a request: its remote address (the agent is reached directly, not through a proxy).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Null while the client may still try; otherwise the seconds until it may.</summary>
    public int? Blocked(string client)
    {
        using var probe = _limiter.AttemptAcquire(client, 0);
        return probe.IsAcquired ? null : RetryAfterSeconds(probe);
    }

    /// <summary>Spends one failure; returns the seconds to wait if none was left (a concurrent attempt spent it).</summary>
    public int? RecordFailure(string client)
    {
        using var lease = _limiter.AttemptAcquire(client, 1);
        return lease.IsAcquired ? null : RetryAfterSeconds(lease);
    }

    public static string Format(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();

    private static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
}
