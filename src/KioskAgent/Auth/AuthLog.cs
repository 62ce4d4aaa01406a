namespace KioskAgent.Auth;

/// <summary>Authentication's log lines (EventIds 1100–1199). Secrets and tokens are never logged.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(1100, LogLevel.Information, "Token {TokenId} issued to {Integrator} for kiosks {Kiosks} with scope {Scope}")]
    public static partial void TokenIssued(ILogger logger, string tokenId, string integrator, string kiosks, string scope);

    [LoggerMessage(1101, LogLevel.Warning, "Rejected credentials for client id {ClientId} from {Client}")]
    public static partial void CredentialsRejected(ILogger logger, string clientId, string client);

    [LoggerMessage(1102, LogLevel.Warning, "Token request from {Client} refused: too many failed attempts, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string client, int retryAfterSeconds);

    [LoggerMessage(1110, LogLevel.Information, "Bearer token rejected on {Method} {Path}: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(1111, LogLevel.Information, "{Integrator} refused on {Method} {Path}: {Reason}")]
    public static partial void AccessRefused(ILogger logger, string integrator, string method, string path, string reason);
}
