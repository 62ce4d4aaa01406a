using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.Journal.Entries;

/// <summary>How entries are written to the database, the live feed and webhooks: snake_case, enums as their words.</summary>
public static class EntryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The entry as one JSON object: the SSE <c>data</c> and the webhook body.</summary>
    public static byte[] Serialize(JournalEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, Options);

    internal static string SerializeDetail(EntryDetail detail) => JsonSerializer.Serialize(detail, detail.GetType(), Options);

    internal static EntryDetail DeserializeDetail(EntryType type, string json) => type switch
    {
        EntryType.Transition => JsonSerializer.Deserialize<TransitionDetail>(json, Options),
        EntryType.Restart => JsonSerializer.Deserialize<RestartDetail>(json, Options),
        EntryType.Authentication => JsonSerializer.Deserialize<AuthenticationDetail>(json, Options),
        _ => (EntryDetail?)null,
    } ?? throw new JsonException($"An empty {EntryTypes.Word(type)} entry.");
}
