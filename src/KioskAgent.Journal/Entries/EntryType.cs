using System.Text.Json.Serialization;

namespace KioskAgent.Journal.Entries;

/// <summary>What an entry records; the words are the <c>type</c> filter of the events API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntryType>))]
public enum EntryType
{
    /// <summary>A device's state or error codes changed.</summary>
    [JsonStringEnumMemberName("transition")] Transition,

    /// <summary>One phase of a restart.</summary>
    [JsonStringEnumMemberName("restart")] Restart,

    /// <summary>An integrator asked for a token, and whether it got one.</summary>
    [JsonStringEnumMemberName("auth")] Authentication,
}

public static class EntryTypes
{
    public static IReadOnlyList<string> Words { get; } = ["transition", "restart", "auth"];

    public static string Word(EntryType type) => type switch
    {
        EntryType.Transition => "transition",
        EntryType.Restart => "restart",
        EntryType.Authentication => "auth",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? word, out EntryType type)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (string.Equals(Words[i], word, StringComparison.Ordinal))
            {
                type = (EntryType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
