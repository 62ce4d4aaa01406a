using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Recording;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Tests.Store;

/// <summary>A journal file that is corrupted or locked: a clear error naming it, a degraded journal, a device runtime that goes on.</summary>
public sealed class UnusableDatabaseTests
{
    [Fact]
    public async Task A_corrupted_file_is_reported_by_name_and_the_devices_go_on()
    {
        using var directory = new TempDirectory();
        var path = directory.File("journal.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());

        await using var rig = new JournalRig(directory: directory);

        Assert.True(rig.Journal.Health.IsDegraded);
        Assert.Contains(path, rig.Journal.Health.Reason);
        Assert.Contains("corrupted or is not an SQLite database", rig.Journal.Health.Reason);
        var error = Assert.Single(rig.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(path, error.Message);
        await AssertDegradedJournalHarmsNothingAsync(rig);
    }

    [Fact]
    public async Task A_file_locked_by_another_connection_is_reported_and_recovers_when_released()
    {
        using var directory = new TempDirectory();
        var path = directory.File("journal.db");
        var locker = JournalRig.Connect(path);
        JournalDatabase.Execute(locker, "PRAGMA locking_mode = EXCLUSIVE;");
        JournalDatabase.Execute(locker, "BEGIN EXCLUSIVE;");
        JournalDatabase.Execute(locker, "CREATE TABLE held (x);");

        await using var rig = new JournalRig(directory: directory);
        try
        {
            Assert.True(rig.Journal.Health.IsDegraded);
            Assert.Contains(path, rig.Journal.Health.Reason);
            Assert.Contains("is locked by another process or connection", rig.Journal.Health.Reason);
            Assert.Contains(rig.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(path, StringComparison.Ordinal));
            await AssertDegradedJournalHarmsNothingAsync(rig);
            await rig.StartWorkerAsync();
            rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "192.0.2.1", AuthenticationOutcome.Succeeded));
        }
        finally
        {
            JournalDatabase.Execute(locker, "ROLLBACK;");
            locker.Dispose();
        }

        await Eventually.TrueAsync(() => !rig.Journal.Health.IsDegraded, "journal reopened after the lock was released");
        // What was queued meanwhile (two logins, the printer's transitions) is written once the file opens.
        await Eventually.TrueAsync(
            () => rig.Journal.Query(new EventQuery { Type = EntryType.Authentication }).Entries.Count == 2
                  && rig.Journal.Query(new EventQuery { Type = EntryType.Transition }).Entries.Count > 0,
            "the queued entries written once the file opened");
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Message.Contains("recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_agent_on_the_same_file_is_refused_and_cannot_mark_the_first_ones_restarts()
    {
        await using var first = new JournalRig();
        var running = Guid.NewGuid();
        await first.Journal.TryRecordRestartAsync(JournalRig.Phase(running, RestartPhase.Requested, DateTimeOffset.UtcNow), CancellationToken.None);

        await using var second = new JournalRig(directory: first.Directory);

        Assert.True(second.Journal.Health.IsDegraded);
        Assert.Contains("in use by another agent process", second.Journal.Health.Reason);
        Assert.Null(first.Journal.FindOperation(running)!.Outcome);
        Assert.False(first.Journal.Health.IsDegraded);
    }

    /// <summary>Nothing throws into a caller, and a real supervisor restarts its printer and keeps publishing status.</summary>
    private static async Task AssertDegradedJournalHarmsNothingAsync(JournalRig rig)
    {
        var record = JournalRig.Phase(Guid.NewGuid(), RestartPhase.Requested, DateTimeOffset.UtcNow);
        Assert.False(await rig.Journal.TryRecordRestartAsync(record, CancellationToken.None));
        await rig.Journal.RecordAsync(record, CancellationToken.None);
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "192.0.2.1", AuthenticationOutcome.InvalidCredentials));
        Assert.Throws<JournalUnavailableException>(() => rig.Journal.Query(new EventQuery()));

        await using var printer = PrinterUnderSupervision.Create(rig.Journal);
        using var recording = rig.Journal.RecordTransitionsOf(printer.Registry);
        await printer.StartAsync();
        await printer.WaitForAsync(DeviceHealth.Healthy, "printer online despite the journal");
        var outcome = await printer.Supervisor.RestartAsync(new RestartRequest("acme-backend", "req-degraded"), CancellationToken.None);
        Assert.Equal(RestartResult.Completed, outcome.Result);
        Assert.Equal("Online", printer.Slot.Current.State);
        Assert.True(rig.Journal.Health.FailedWrites >= 2);
    }
}
