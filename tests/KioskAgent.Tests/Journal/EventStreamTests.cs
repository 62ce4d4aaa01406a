using System.Net;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.Tests.Devices;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Journal;

/// <summary>The live stream: one SSE event per journal entry, Last-Event-ID replay, heartbeats, and its refusals.</summary>
public sealed class EventStreamTests(EmulatedKioskAgent agent) : IClassFixture<EmulatedKioskAgent>
{
    private static readonly string Stream = $"{EmulatedKioskAgent.Kiosk}/events/stream";

    [Fact]
    public async Task A_device_transition_arrives_as_an_event_with_its_id_and_type()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        await agent.WaitForStatusAsync(client, "printer", d => d.GetProperty("state").GetString() == "Online", "printer online");
        await using var stream = await EventStreamReader.OpenAsync(client, Stream);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        agent.Emulator(DeviceKind.Printer).Inject("paper_out");
        try
        {
            var item = await NextAsync(stream, e => e.EventType == "transition" && e.Data.Contains("paper_out", StringComparison.Ordinal));
            using var entry = JsonDocument.Parse(item.Data);
            Assert.Equal(item.EventId, entry.RootElement.GetProperty("id").GetInt64().ToString());
            Assert.Equal("printer", entry.RootElement.GetProperty("device").GetString());
            Assert.Equal(AgentFactory.KioskId, entry.RootElement.GetProperty("kiosk_id").GetString());
            Assert.Equal("Error", entry.RootElement.GetProperty("data").GetProperty("to").GetString());
        }
        finally
        {
            agent.Emulator(DeviceKind.Printer).Inject("paper_ok");
        }
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_replays_every_later_entry_in_order()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        var events = (await (await client.GetAsync($"{EmulatedKioskAgent.Kiosk}/events?limit=500")).EnvelopeAsync(HttpStatusCode.OK))
            .GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Reverse().ToArray();
        Assert.True(events.Length >= 3, $"the emulated devices' start-up left {events.Length} entries");

        await using var stream = await EventStreamReader.OpenAsync(client, Stream, lastEventId: events[0].ToString());
        var replayed = new List<long>();
        for (var i = 1; i < events.Length; i++)
        {
            replayed.Add(long.Parse((await stream.NextAsync()).EventId!));
        }

        Assert.Equal(events[1..], replayed);
    }

    [Fact]
    public async Task Heartbeats_keep_an_idle_stream_alive()
    {
        await using var quick = new EmulatedKioskAgentWith(new Dictionary<string, string?> { ["Journal:Stream:HeartbeatInterval"] = "00:00:00.200" });
        using var client = quick.ClientFor(AgentFactory.Reader);
        await using var stream = await EventStreamReader.OpenAsync(client, Stream);

        var beat = await stream.NextAsync(skip: null, within: TimeSpan.FromSeconds(5));
        while (beat.EventType != "heartbeat")
        {
            beat = await stream.NextAsync(skip: null, within: TimeSpan.FromSeconds(5));
        }

        Assert.Null(beat.EventId);
        Assert.Contains("\"at\":", beat.Data);
    }

    [Fact]
    public async Task Entries_pruned_after_Last_Event_ID_are_announced_by_a_gap_event_before_the_replay()
    {
        await using var pruning = new EmulatedKioskAgentWith(new Dictionary<string, string?>
        {
            ["Journal:Retention:MaxAge"] = "00:00:01",
            ["Journal:Retention:PruneInterval"] = "00:00:00.200",
        });
        using var client = pruning.ClientFor(AgentFactory.Reader);
        async Task<long[]> RetainedIds() => [.. (await (await client.GetAsync($"{EmulatedKioskAgent.Kiosk}/events?limit=500")).EnvelopeAsync(HttpStatusCode.OK))
            .GetProperty("data").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

        long newest = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (newest == 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            newest = (await RetainedIds()).DefaultIfEmpty(0).Max();
            await Task.Delay(50);
        }

        Assert.True(newest > 0, "the devices' start-up wrote entries");
        while ((await RetainedIds()).Contains(newest) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await using var stream = await EventStreamReader.OpenAsync(client, Stream, lastEventId: "0");
        var gap = await stream.NextAsync(skip: null);

        Assert.Equal("gap", gap.EventType);
        Assert.Null(gap.EventId);
        using var data = JsonDocument.Parse(gap.Data);
        Assert.Equal(1, data.RootElement.GetProperty("first_missing_id").GetInt64());
        Assert.True(data.RootElement.GetProperty("last_missing_id").GetInt64() >= newest);
        Assert.Contains("retention", data.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_Last_Event_ID_the_journal_still_holds_gets_no_gap_event()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        await using var stream = await EventStreamReader.OpenAsync(client, Stream, lastEventId: "0");

        var first = await stream.NextAsync(skip: null);

        Assert.NotEqual("gap", first.EventType);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task A_bad_Last_Event_ID_is_400_invalid_request(string lastEventId)
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stream);
        request.Headers.Add("Last-Event-ID", lastEventId);

        using var response = await client.SendAsync(request);

        var error = (await response.EnvelopeAsync(HttpStatusCode.BadRequest)).GetProperty("error");
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.Contains("Last-Event-ID", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task More_streams_than_configured_are_refused_with_429()
    {
        await using var limited = new EmulatedKioskAgentWith(new Dictionary<string, string?> { ["Journal:Stream:MaxClients"] = "1" });
        using var client = limited.ClientFor(AgentFactory.Reader);
        await using var first = await EventStreamReader.OpenAsync(client, Stream);
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);

        using var second = await client.GetAsync(Stream, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("rate_limited", await second.ErrorCodeAsync(HttpStatusCode.TooManyRequests));
        Assert.Equal("10", Assert.Single(second.Headers.GetValues("Retry-After")));
    }

    private static async Task<System.Net.ServerSentEvents.SseItem<string>> NextAsync(EventStreamReader stream, Func<System.Net.ServerSentEvents.SseItem<string>, bool> wanted)
    {
        while (true)
        {
            var item = await stream.NextAsync();
            if (wanted(item))
            {
                return item;
            }
        }
    }
}
