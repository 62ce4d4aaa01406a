using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Live;
using KioskAgent.Journal.Tests.Support;

namespace KioskAgent.Journal.Tests.Live;

public sealed class LiveFeedTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_subscriber_from_a_last_id_gets_what_it_missed_then_what_comes_next_each_once()
    {
        await using var rig = new JournalRig();
        var before = await EntryFactory.WriteTransitionsAsync(rig.Journal, 10, DateTimeOffset.UtcNow, TimeSpan.Zero);
        using var stop = new CancellationTokenSource(Within);

        await using var feed = rig.Journal.Feed.FollowAsync(before[3].Id, FeedFilter.All, stop.Token).GetAsyncEnumerator(stop.Token);
        var received = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            Assert.True(await feed.MoveNextAsync());
            received.Add(feed.Current.Id);
        }

        var after = await EntryFactory.WriteTransitionsAsync(rig.Journal, 3, DateTimeOffset.UtcNow, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await feed.MoveNextAsync());
            received.Add(feed.Current.Id);
        }

        Assert.Equal(before.Skip(4).Concat(after).Select(e => e.Id), received);
    }

    [Fact]
    public async Task A_subscriber_without_a_last_id_gets_only_new_entries_of_its_kiosk()
    {
        await using var rig = new JournalRig();
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 5, DateTimeOffset.UtcNow, TimeSpan.Zero);
        using var stop = new CancellationTokenSource(Within);

        await using var feed = rig.Journal.Feed.FollowAsync(null, new FeedFilter("kiosk-2"), stop.Token).GetAsyncEnumerator(stop.Token);
        var next = feed.MoveNextAsync();
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 2, DateTimeOffset.UtcNow, TimeSpan.Zero, kiosk: "kiosk-1");
        var mine = await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, DateTimeOffset.UtcNow, TimeSpan.Zero, kiosk: "kiosk-2");

        Assert.True(await next);
        Assert.Equal(mine[0].Id, feed.Current.Id);
        Assert.Equal(mine[0], feed.Current with { Detail = mine[0].Detail });
    }

    [Fact]
    public async Task A_subscriber_that_does_not_read_holds_at_most_its_buffer_and_does_not_slow_the_writer()
    {
        var options = JournalRig.FastOptions();
        options.SubscriberBufferSize = 8;
        await using var rig = new JournalRig(options);
        using var idle = rig.Journal.Feed.Subscribe(FeedFilter.All);

        for (var i = 0; i < 50; i++)
        {
            await EntryFactory.WriteTransitionsAsync(rig.Journal, 20, DateTimeOffset.UtcNow, TimeSpan.Zero);
            Assert.True(idle.Buffered <= 8, $"{idle.Buffered} entries buffered for a subscriber of capacity 8");
        }

        Assert.True(idle.Overruns >= 1);
        Assert.Equal(0, idle.Buffered); // overran: its buffer was given back, it catches up from the database
    }

    [Fact]
    public async Task A_slow_subscriber_that_overran_still_receives_every_entry_in_order()
    {
        var options = JournalRig.FastOptions();
        options.SubscriberBufferSize = 8;
        await using var rig = new JournalRig(options);
        using var stop = new CancellationTokenSource(Within);
        await using var feed = rig.Journal.Feed.FollowAsync(0, FeedFilter.All, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = feed.MoveNextAsync();

        var written = new List<JournalEntry>();
        for (var i = 0; i < 20; i++)
        {
            written.AddRange(await EntryFactory.WriteTransitionsAsync(rig.Journal, 50, DateTimeOffset.UtcNow, TimeSpan.Zero));
        }

        Assert.True(await first);
        var received = new List<long> { feed.Current.Id };
        while (received.Count < written.Count)
        {
            Assert.True(await feed.MoveNextAsync());
            received.Add(feed.Current.Id);
        }

        Assert.Equal(written.Select(e => e.Id), received);
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Message.Contains("catches up from the journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribers_leave_the_feed_when_they_stop_reading()
    {
        await using var rig = new JournalRig();
        using (var stop = new CancellationTokenSource(Within))
        {
            await using var feed = rig.Journal.Feed.FollowAsync(null, FeedFilter.All, stop.Token).GetAsyncEnumerator(stop.Token);
            var next = feed.MoveNextAsync();
            await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, DateTimeOffset.UtcNow, TimeSpan.Zero);
            Assert.True(await next);
            Assert.Equal(1, rig.Journal.Feed.SubscriberCount);
        }

        Assert.Equal(0, rig.Journal.Feed.SubscriberCount);
    }
}
