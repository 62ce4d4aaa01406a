using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAgent.Tests.Devices;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Journal;

/// <summary>The journal's routes on the agent with its emulated devices: what a technician and an integrator read.</summary>
public sealed class EventsApiTests(EmulatedKioskAgent agent) : IClassFixture<EmulatedKioskAgent>
{
    private static readonly string Kiosk = EmulatedKioskAgent.Kiosk;

    private static async Task<JsonElement> DataAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");

    private static async Task<JsonElement[]> EventsUntilAsync(HttpClient client, string path, Func<JsonElement[], bool> condition, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        JsonElement[] events = [];
        while (started.Elapsed < TimeSpan.FromSeconds(15))
        {
            events = [.. (await DataAsync(client, path)).GetProperty("events").EnumerateArray()];
            if (condition(events))
            {
                return events;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{what} not seen within 15 s; last: {string.Join(", ", events.Select(e => e.ToString()))}");
    }

    [Fact]
    public async Task A_restart_is_in_the_journal_phase_by_phase_and_as_one_operation()
    {
        using var maintainer = agent.ClientFor(AgentFactory.Maintainer);
        await agent.WaitForStatusAsync(maintainer, "printer", d => d.GetProperty("state").GetString() == "Online", "printer online");

        var restart = (await (await maintainer.PostAsync($"{Kiosk}/printer/restart", null)).EnvelopeAsync(HttpStatusCode.OK));
        var operationId = restart.GetProperty("data").GetProperty("operation_id").GetString();

        using var reader = agent.ClientFor(AgentFactory.Reader);
        var operation = await DataAsync(reader, $"{Kiosk}/operations/{operationId}");
        Assert.Equal("completed", operation.GetProperty("outcome").GetString());
        Assert.Equal(AgentFactory.Maintainer.ClientId, operation.GetProperty("integrator").GetString());
        Assert.Equal(restart.GetProperty("request_id").GetString(), operation.GetProperty("request_id").GetString());
        Assert.Equal(["requested", "power_off", "power_on", "probing", "completed"], operation.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()));
        Assert.True(operation.GetProperty("duration_ms").GetInt64() > 0);

        var events = await EventsUntilAsync(reader, $"{Kiosk}/events?type=restart&device=printer", e => e.Length >= 5, "the restart's five phases");
        var ofThisRestart = events.Where(e => e.GetProperty("data").GetProperty("operation_id").GetString() == operationId).ToArray();
        Assert.Equal(["completed", "probing", "power_on", "power_off", "requested"], ofThisRestart.Select(e => e.GetProperty("data").GetProperty("phase").GetString()));
        Assert.All(ofThisRestart, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("webhook").ValueKind));
        var transitions = await EventsUntilAsync(reader, $"{Kiosk}/events?type=transition&device=printer",
            e => e.Any(t => t.GetProperty("data").GetProperty("to").GetString() == "Restarting"), "the printer's Restarting transition");
        Assert.All(transitions, t => Assert.Equal("printer", t.GetProperty("device").GetString()));
    }

    [Fact]
    public async Task A_page_of_logins_follows_its_cursor_and_shows_only_the_callers_own()
    {
        using var anonymous = agent.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var secret = i == 0 ? "a wrong secret" : AgentFactory.SecretOf(AgentFactory.Everywhere.ClientId);
            await anonymous.PostAsJsonAsync("/api/auth", new { client_id = AgentFactory.Everywhere.ClientId, client_secret = secret });
        }

        await anonymous.PostAsJsonAsync("/api/auth", new { client_id = AgentFactory.Reader.ClientId, client_secret = AgentFactory.SecretOf(AgentFactory.Reader.ClientId) });
        using var everywhere = agent.ClientFor(AgentFactory.Everywhere);
        await EventsUntilAsync(everywhere, $"{Kiosk}/events?type=auth&limit=500", e => e.Length >= 5, "five logins");

        var pages = new List<JsonElement[]>();
        string? cursor = null;
        do
        {
            var data = await DataAsync(everywhere, $"{Kiosk}/events?type=auth&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            pages.Add([.. data.GetProperty("events").EnumerateArray()]);
            cursor = data.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        var logins = pages.SelectMany(p => p).ToArray();
        Assert.Equal([2, 2, 1], pages.Select(p => p.Length));
        Assert.Equal(logins.Select(e => e.GetProperty("id").GetInt64()).OrderDescending(), logins.Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(logins, e => Assert.Equal(AgentFactory.Everywhere.ClientId, e.GetProperty("data").GetProperty("client_id").GetString()));
        Assert.All(logins, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("kiosk_id").ValueKind));
        Assert.Equal("invalid_credentials", logins[^1].GetProperty("data").GetProperty("outcome").GetString());
        Assert.Equal("succeeded", logins[0].GetProperty("data").GetProperty("outcome").GetString());
        Assert.True(logins[0].GetProperty("data").TryGetProperty("origin", out _)); // null here: the test server has no remote address
    }

    [Theory]
    [InlineData("events?since=yesterday", "since")]
    [InlineData("events?device=toaster", "device")]
    [InlineData("events?type=everything", "type")]
    [InlineData("events?limit=0", "limit")]
    [InlineData("events?limit=501", "limit")]
    [InlineData("events?limit=ten", "limit")]
    [InlineData("events?cursor=not-a-cursor", "cursor")]
    [InlineData("operations/not-a-uuid", "operation_id")]
    public async Task A_bad_parameter_is_400_invalid_request_naming_it(string path, string parameter)
    {
        using var reader = agent.ClientFor(AgentFactory.Reader);
        var error = (await (await reader.GetAsync($"{Kiosk}/{path}")).EnvelopeAsync(HttpStatusCode.BadRequest)).GetProperty("error");

        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.StartsWith(parameter, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unknown_operation_is_404_operation_not_found()
    {
        using var reader = agent.ClientFor(AgentFactory.Reader);

        Assert.Equal("operation_not_found", await (await reader.GetAsync($"{Kiosk}/operations/{Guid.NewGuid()}")).ErrorCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_journal_routes_need_a_token_for_the_kiosk()
    {
        using var anonymous = agent.CreateClient();
        using var stranger = agent.ClientFor(AgentFactory.Stranger);

        Assert.Equal("unauthorized", await (await anonymous.GetAsync($"{Kiosk}/events")).ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("unauthorized", await (await anonymous.GetAsync($"{Kiosk}/events/stream")).ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("forbidden", await (await stranger.GetAsync($"{Kiosk}/events")).ErrorCodeAsync(HttpStatusCode.Forbidden));
        Assert.Equal("forbidden", await (await stranger.GetAsync($"{Kiosk}/operations/{Guid.NewGuid()}")).ErrorCodeAsync(HttpStatusCode.Forbidden));
        Assert.Equal("kiosk_not_found", await (await stranger.GetAsync($"/api/kiosk/{AgentFactory.OtherKioskId}/events")).ErrorCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_device_filter_takes_the_route_name_and_since_bounds_the_time()
    {
        using var reader = agent.ClientFor(AgentFactory.Reader);
        await EventsUntilAsync(reader, $"{Kiosk}/events?device=bill-reader", e => e.Length > 0, "a bill reader transition");
        var future = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ");

        Assert.Empty((await DataAsync(reader, $"{Kiosk}/events?since={future}")).GetProperty("events").EnumerateArray());
        Assert.All((await DataAsync(reader, $"{Kiosk}/events?device=bill_reader")).GetProperty("events").EnumerateArray(),
            e => Assert.Equal("bill_reader", e.GetProperty("device").GetString()));
    }
}
