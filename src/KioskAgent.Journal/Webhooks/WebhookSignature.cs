using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Journal.Webhooks;

/// <summary>
/// How a receiver knows a delivery came from this agent: <c>X-Kiosk-Signature: sha256=&lt;hex&gt;</c>, the lowercase
/// hex HMAC-SHA256 of the exact body bytes under the integrator's secret. The body is the same bytes on every
/// attempt; <c>X-Kiosk-Event-Id</c> (the entry id, also in the body) is what a receiver deduplicates on, which also
/// makes a replayed delivery harmless. <c>X-Kiosk-Timestamp</c> (Unix seconds) says when this attempt was sent.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Kiosk-Signature";
    public const string TimestampHeader = "X-Kiosk-Timestamp";
    public const string EventIdHeader = "X-Kiosk-Event-Id";
    public const string AttemptHeader = "X-Kiosk-Delivery-Attempt";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
