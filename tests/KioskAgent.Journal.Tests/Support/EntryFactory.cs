using KioskAgent.Devices;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;

namespace KioskAgent.Journal.Tests.Support;

/// <summary>Writes entries straight through the store, at chosen times, for query and retention tests.</summary>
public static class EntryFactory
{
    public static async Task<IReadOnlyList<JournalEntry>> WriteTransitionsAsync(OperationsJournal journal, int count, DateTimeOffset start, TimeSpan step, string kiosk = "kiosk-1", string device = "printer")
    {
        var pending = Enumerable.Range(0, count).Select(i => new PendingEntry(
            kiosk, device, start + (step * i),
            new TransitionDetail("Online", "Error", [new DeviceError($"fault_{i}", $"fault {i}", RecoveryAction.Reset)], [], start + (step * i)))).ToArray();
        var result = await journal.Store.WriteAsync(
            (connection, transaction) => pending.Select(p => EntryWriter.Insert(connection, transaction, p, journal.Options.Webhooks)).ToArray(),
            CancellationToken.None);
        Assert.True(result.Written, journal.Health.Reason);
        return result.Entries!;
    }
}
