using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Journal.Tests.Store;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-31T12:00:00Z");

    [Fact]
    public async Task Entries_older_than_the_maximum_age_are_pruned_with_their_restarts()
    {
        var time = new FakeTimeProvider(Now);
        var options = JournalRig.FastOptions();
        options.Retention.MaxAge = TimeSpan.FromDays(7);
        await using var rig = new JournalRig(options, time);
        var old = await EntryFactory.WriteTransitionsAsync(rig.Journal, 10, Now.AddDays(-10), TimeSpan.FromHours(1));
        var oldRestart = Guid.NewGuid();
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(oldRestart, RestartPhase.Requested, Now.AddDays(-9)), CancellationToken.None);
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(oldRestart, RestartPhase.Completed, Now.AddDays(-9)), CancellationToken.None);
        var recent = await EntryFactory.WriteTransitionsAsync(rig.Journal, 10, Now.AddDays(-1), TimeSpan.FromHours(1));

        Assert.True(await rig.Journal.PruneAsync(CancellationToken.None));

        Assert.Equal(recent.Select(e => e.Id).Reverse(), rig.Journal.Query(new EventQuery()).Entries.Select(e => e.Id));
        Assert.Null(rig.Journal.FindOperation(oldRestart));
        Assert.DoesNotContain(old, e => rig.Journal.Query(new EventQuery { Limit = 500 }).Entries.Any(k => k.Id == e.Id));
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Message.Contains("pruned 12 entries, 1 restart records", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_most_the_maximum_number_of_entries_is_kept_and_ids_are_never_reused()
    {
        var options = JournalRig.FastOptions();
        options.Retention.MaxEntries = 100;
        await using var rig = new JournalRig(options);
        var written = await EntryFactory.WriteTransitionsAsync(rig.Journal, 250, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1));

        Assert.True(await rig.Journal.PruneAsync(CancellationToken.None));
        var next = await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, DateTimeOffset.UtcNow, TimeSpan.Zero);

        var kept = rig.Journal.Query(new EventQuery { Limit = 500 }).Entries.Select(e => e.Id).ToArray();
        Assert.Equal(101, kept.Length);
        Assert.Equal(written.TakeLast(100).Select(e => e.Id).Append(next[0].Id).Reverse(), kept);
        Assert.Equal(written[^1].Id + 1, next[0].Id);
    }

    [Fact]
    public async Task The_worker_prunes_on_its_timer()
    {
        var time = new FakeTimeProvider(Now);
        var options = JournalRig.FastOptions();
        options.ReopenInterval = TimeSpan.FromMinutes(1);
        options.Retention.MaxAge = TimeSpan.FromDays(1);
        options.Retention.PruneInterval = TimeSpan.FromHours(1);
        await using var rig = new JournalRig(options, time);
        var count = () => rig.Journal.Query(new EventQuery()).Entries.Count;

        // The worker prunes once as it starts (it runs on the thread pool, whenever that gets to it): an entry two
        // days old tells when that has happened, and the hour is counted from there.
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, Now.AddDays(-2), TimeSpan.Zero);
        await rig.StartWorkerAsync();
        await Eventually.TrueAsync(() => count() == 0, "the worker's first prune");
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 3, Now.AddHours(-23).AddMinutes(-30), TimeSpan.FromMinutes(1));
        await Task.Delay(200); // its timer is set

        time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200);
        Assert.Equal(3, count()); // over a day old by now, but no prune is due before the hour
        time.Advance(TimeSpan.FromMinutes(2));

        await Eventually.TrueAsync(() => count() == 0, "entries pruned by the hourly timer once older than a day");
    }

    [Fact]
    public async Task Pruning_gives_space_back_to_the_file_system()
    {
        var options = JournalRig.FastOptions();
        options.Retention.MaxEntries = 100;
        await using var rig = new JournalRig(options);
        for (var i = 0; i < 20; i++)
        {
            await EntryFactory.WriteTransitionsAsync(rig.Journal, 500, DateTimeOffset.UtcNow, TimeSpan.Zero);
        }

        await rig.Journal.Store.MaintainAsync(connection => JournalDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);"), CancellationToken.None);
        var before = new FileInfo(rig.DatabasePath).Length;

        Assert.True(await rig.Journal.PruneAsync(CancellationToken.None));

        var after = new FileInfo(rig.DatabasePath).Length;
        Assert.True(after < before / 4, $"file {before} bytes before pruning, {after} after");
    }
}
