using System.Net;
using KioskAgent.Tests.Support;
using static KioskAgent.Tests.Support.Prometheus;

namespace KioskAgent.Tests;

/// <summary>
/// OpenTelemetry listens to meters by name, so every agent alive in this process feeds every agent's endpoint:
/// these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>The Prometheus endpoint: what it shows of the devices and the HTTP server, and who may scrape it.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests
{
    private static readonly (string, string) Kiosk = ("kiosk", AgentFactory.KioskId);
    private static readonly (string, string) Printer = ("device", "printer");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Production needs a key of its own.</summary>
    public const string SigningKey = "q3Jv2u8pQ0m6cZ1yX5rT9wK4hB7nD2fG1sA8eL3vM0o=";

    [Fact]
    public async Task LoopbackScraperSeesDeviceStateAgeRestartsAndHttpRequests()
    {
        await using var agent = new RemoteAddressAgent(IPAddress.Loopback, new Dictionary<string, string?>
        {
            ["Kiosks:0:Printer:Supervisor:PowerOffTime"] = "00:00:00.100",
        });
        using var client = agent.ClientFor(AgentFactory.Maintainer);
        var online = await ScrapeUntilAsync(client, t => Sample(t, "kioskagent_device_state", Kiosk, Printer, ("state", "Online")) == 1, Limit);
        Assert.Equal(1, Sample(online, "kioskagent_device_state", Kiosk, Printer, ("state", "Online")));
        Assert.Equal(0, Sample(online, "kioskagent_device_state", Kiosk, Printer, ("state", "Offline")));
        Assert.InRange(Sample(online, "kioskagent_device_observed_age_seconds", Kiosk, Printer) ?? -1, 0, 10);

        using var restart = await client.PostAsync($"/api/kiosk/{AgentFactory.KioskId}/printer/restart", null);
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);

        // The hosting layer records a request's duration once the reply has been sent, so the scrape may come first.
        (string, string)[] restartRoute = [("http_route", "/api/kiosk/{kiosk_id}/{device}/restart"), ("http_response_status_code", "200")];
        var after = await ScrapeUntilAsync(client, t => Sample(t, "http_server_request_duration_seconds_count", restartRoute) == 1, Limit);
        (string, string)[] completed = [Kiosk, Printer, ("method", "power_cycle"), ("outcome", "completed")];
        Assert.Equal(1, Sample(after, "kioskagent_device_restarts_total", completed));
        Assert.Equal(1, Sample(after, "kioskagent_device_restart_duration_seconds_count", completed));
        Assert.True(Sample(after, "kioskagent_device_restart_duration_seconds_sum", completed) > 0.1);
        Assert.Equal(1, Sample(after, "http_server_request_duration_seconds_count", restartRoute));
        Assert.DoesNotContain("http_server_active_requests", after, StringComparison.Ordinal); // dropped: AgentMetrics.DroppedInstruments
    }

    [Fact]
    public async Task DeviceGoingOfflineCountsAPollErrorByReason()
    {
        await using var agent = new RemoteAddressAgent(IPAddress.Loopback);
        using var client = agent.CreateClient();
        (string, string)[] noAnswer = [Kiosk, Printer, ("reason", "no_answer")];
        var online = await ScrapeUntilAsync(client, t => Sample(t, "kioskagent_device_state", Kiosk, Printer, ("state", "Online")) == 1, Limit);
        var before = Sample(online, "kioskagent_device_poll_errors_total", noAnswer) ?? 0; // a device may miss its first probe while it boots

        using var fault = await client.PostAsync($"/dev/emulators/{AgentFactory.KioskId}/printer/silence", null);
        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);

        var offline = await ScrapeUntilAsync(client, t => Sample(t, "kioskagent_device_poll_errors_total", noAnswer) > before, Limit);
        Assert.Equal(before + 1, Sample(offline, "kioskagent_device_poll_errors_total", noAnswer));
        Assert.Equal(1, Sample(offline, "kioskagent_device_state", Kiosk, Printer, ("state", "Offline")));

        // Still silent: further failed polls are the same outage, not new errors.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(before + 1, Sample(await client.GetStringAsync("/metrics"), "kioskagent_device_poll_errors_total", noAnswer));
    }

    [Theory]
    [InlineData("192.0.2.10", null)]
    [InlineData("2001:db8::10", null)]
    [InlineData("127.0.0.1", "Off")]
    public async Task EndpointIsNotFoundForRemoteClientsOrWhenOff(string remote, string? exposure)
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = SigningKey };
        if (exposure is not null)
        {
            settings["Metrics:Exposure"] = exposure;
        }

        await using var agent = new RemoteAddressAgent(IPAddress.Parse(remote), settings, "Production");
        using var client = agent.CreateClient();
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        using var health = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ProductionDefaultServesLoopbackAndAnywhereServesOthers()
    {
        var key = new Dictionary<string, string?> { ["Auth:SigningKey"] = SigningKey };
        await using (var loopback = new RemoteAddressAgent(IPAddress.IPv6Loopback, key, "Production"))
        {
            using var response = await loopback.CreateClient().GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("kioskagent_device_state", await response.Content.ReadAsStringAsync());
        }

        await using var anywhere = new RemoteAddressAgent(IPAddress.Parse("192.0.2.10"), new Dictionary<string, string?>(key) { ["Metrics:Exposure"] = "Anywhere" }, "Production");
        using var remote = await anywhere.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, remote.StatusCode);
    }
}
