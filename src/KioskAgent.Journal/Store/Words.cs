using System.Collections.Frozen;
using System.Text.Json;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Store;

/// <summary>Enum values as the words stored in the database: the same words the JSON carries.</summary>
internal static class Words
{
    private static readonly FrozenDictionary<RestartPhase, string> Phases = Map<RestartPhase>();
    private static readonly FrozenDictionary<string, RestartPhase> PhasesByWord = Phases.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private static readonly FrozenDictionary<RestartMethod, string> Methods = Map<RestartMethod>();
    private static readonly FrozenDictionary<string, RestartMethod> MethodsByWord = Methods.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(RestartPhase phase) => Phases[phase];

    public static string Of(RestartMethod method) => Methods[method];

    public static RestartPhase Phase(string word) => PhasesByWord[word];

    public static RestartMethod Method(string word) => MethodsByWord[word];

    public static bool IsOutcome(RestartPhase phase) =>
        phase is RestartPhase.Completed or RestartPhase.Failed or RestartPhase.TimedOut or RestartPhase.Interrupted;

    private static FrozenDictionary<T, string> Map<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonSerializer.Serialize(v, EntryJson.Options).Trim('"'));
}
