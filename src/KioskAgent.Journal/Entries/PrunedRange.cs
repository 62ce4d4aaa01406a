namespace KioskAgent.Journal.Entries;

/// <summary>
/// Entry ids that retention has pruned: a reader that asked for everything after an older id cannot have them
/// (for its kiosk or another: ids are shared, so some of them may not have concerned it at all).
/// </summary>
public sealed record PrunedRange(long FirstId, long LastId);
