using System.Text.Json.Serialization;

namespace KioskAgent.Journal.Webhooks;

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; another attempt is due at <see cref="WebhookDeliveryState.NextAttemptAt"/>.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The receiver answered 2xx.</summary>
    [JsonStringEnumMemberName("delivered")] Delivered,

    /// <summary>Given up after the last attempt, or the integrator's webhook is no longer configured.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>Where one entry's delivery to one integrator stands.</summary>
public sealed record WebhookDeliveryState(
    string Integrator,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError);

/// <summary>A delivery that is due: the exact bytes to sign and send.</summary>
internal sealed record OutboxItem(long Id, long EntryId, string Integrator, byte[] Body, int Attempts, DateTimeOffset DueAt);
