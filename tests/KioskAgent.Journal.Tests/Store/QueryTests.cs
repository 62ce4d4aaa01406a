using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Recording;
using KioskAgent.Journal.Tests.Support;

namespace KioskAgent.Journal.Tests.Store;

public sealed class QueryTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-03-01T08:00:00Z");

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_without_gaps_or_repeats()
    {
        await using var rig = new JournalRig();
        var written = await EntryFactory.WriteTransitionsAsync(rig.Journal, 120, T0, TimeSpan.FromSeconds(1));

        var seen = new List<long>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = rig.Journal.Query(new EventQuery { Limit = 50, Cursor = cursor });
            seen.AddRange(page.Entries.Select(e => e.Id));
            sizes.Add(page.Entries.Count);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([50, 50, 20], sizes);
        Assert.Equal(written.Select(e => e.Id).Reverse(), seen);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_oldest_entry_has_no_next_cursor()
    {
        await using var rig = new JournalRig();
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 50, T0, TimeSpan.FromSeconds(1));

        var page = rig.Journal.Query(new EventQuery { Limit = 50 });

        Assert.Equal(50, page.Entries.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Filters_by_kiosk_device_type_and_since_combine()
    {
        await using var rig = new JournalRig();
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 5, T0, TimeSpan.FromMinutes(1), device: "printer");
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 5, T0, TimeSpan.FromMinutes(1), device: "dispenser");
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 5, T0, TimeSpan.FromMinutes(1), kiosk: "kiosk-2");
        await rig.Journal.TryRecordRestartAsync(JournalRig.Phase(Guid.NewGuid(), RestartPhase.Requested, T0.AddMinutes(3)), CancellationToken.None);
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "10.1.2.3", AuthenticationOutcome.Succeeded));
        await rig.StartWorkerAsync();
        await rig.StopWorkerAsync();

        Assert.Equal(5 + 5 + 1 + 1, rig.Journal.Query(new EventQuery { KioskId = "kiosk-1" }).Entries.Count);
        Assert.Equal(5 + 5 + 1, rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", IncludeAgentWide = false }).Entries.Count);
        Assert.Equal(6, rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", Device = "printer" }).Entries.Count);
        Assert.Equal(5, rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", Device = "printer", Type = EntryType.Transition }).Entries.Count);
        Assert.Single(rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", Type = EntryType.Authentication }).Entries);
        var since = rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", Device = "printer", Type = EntryType.Transition, Since = T0.AddMinutes(3) }).Entries;
        Assert.Equal([T0.AddMinutes(4), T0.AddMinutes(3)], since.Select(e => e.OccurredAt));
        Assert.Equal(15 + 2, rig.Journal.Query(new EventQuery { Limit = 500 }).Entries.Count);
    }

    [Fact]
    public async Task An_integrator_sees_only_its_own_logins_among_the_agent_wide_entries()
    {
        await using var rig = new JournalRig();
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "192.0.2.1", AuthenticationOutcome.Succeeded));
        rig.Journal.Record(new AuthenticationAttempt("other-backend", true, "192.0.2.2", AuthenticationOutcome.InvalidCredentials));
        rig.Journal.Record(new AuthenticationAttempt("who-knows", false, "192.0.2.3", AuthenticationOutcome.InvalidCredentials));
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, DateTimeOffset.UtcNow, TimeSpan.Zero);
        await rig.StartWorkerAsync();
        await rig.StopWorkerAsync();

        var seen = rig.Journal.Query(new EventQuery { KioskId = "kiosk-1", AgentWideClientId = "acme-backend" }).Entries;

        Assert.Equal(2, seen.Count);
        var login = Assert.IsType<AuthenticationDetail>(Assert.Single(seen, e => e.Type == EntryType.Authentication).Detail);
        Assert.Equal("acme-backend", login.ClientId);
        Assert.True(new KioskAgent.Journal.Live.FeedFilter("kiosk-1", AgentWideClientId: "acme-backend").Matches(seen[0]));
        Assert.Equal(4, rig.Journal.Query(new EventQuery { KioskId = "kiosk-1" }).Entries.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("ZTE6LTU")] // "e1:-5"
    [InlineData("eDE6MTA")] // "x1:10"
    [InlineData("ZTE6MA")] // "e1:0"
    public async Task A_cursor_the_journal_did_not_give_is_refused(string cursor)
    {
        await using var rig = new JournalRig();

        Assert.Throws<FormatException>(() => rig.Journal.Query(new EventQuery { Cursor = cursor }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task A_limit_outside_1_to_500_is_refused(int limit)
    {
        await using var rig = new JournalRig();

        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Journal.Query(new EventQuery { Limit = limit }));
    }

    [Fact]
    public void Cursors_round_trip_and_are_opaque()
    {
        var cursor = JournalCursor.Encode(12345);

        Assert.DoesNotContain("12345", cursor);
        Assert.True(JournalCursor.TryDecode(cursor, out var id));
        Assert.Equal(12345, id);
    }

    [Fact]
    public async Task An_unknown_operation_is_not_found()
    {
        await using var rig = new JournalRig();

        Assert.Null(rig.Journal.FindOperation(Guid.NewGuid()));
    }
}
