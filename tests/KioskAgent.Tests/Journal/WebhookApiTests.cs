using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KioskAgent.Testing;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Journal;

/// <summary>A webhook configured in the agent's settings: signed deliveries, and their state in the events route.</summary>
public sealed class WebhookApiTests
{
    private const string Secret = "whsec-reader-5Qm2Xv8Lp1Zr7Tn4Kc9Wd3Hf6Jb0Ys";

    [Fact]
    public async Task An_integrators_webhook_receives_signed_entries_and_the_events_route_shows_them_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string key = "Journal:Webhooks:Integrators:test-reader";
        await using var agent = AgentFactory.With(new Dictionary<string, string?>
        {
            [$"{key}:Url"] = receiver.Url,
            [$"{key}:Secret"] = Secret,
            [$"{key}:Types:0"] = "auth",
            ["Journal:Webhooks:PollInterval"] = "00:00:00.100",
        });

        var login = await agent.CreateClient().PostAsJsonAsync("/api/auth", new { client_id = AgentFactory.Reader.ClientId, client_secret = AgentFactory.SecretOf(AgentFactory.Reader.ClientId) });
        await login.EnvelopeAsync(HttpStatusCode.OK);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (receiver.Received.Count == 0 && started.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(25);
        }

        var delivery = Assert.Single(receiver.Received);
        var (body, signature, eventId) = (delivery.Body, delivery.Signature, delivery.EventId);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)), signature);
        using var entry = JsonDocument.Parse(body);
        Assert.Equal(eventId, entry.RootElement.GetProperty("id").GetInt64().ToString());
        Assert.Equal("auth", entry.RootElement.GetProperty("type").GetString());
        Assert.Equal(AgentFactory.Reader.ClientId, entry.RootElement.GetProperty("data").GetProperty("client_id").GetString());
        Assert.DoesNotContain(AgentFactory.SecretOf(AgentFactory.Reader.ClientId), Encoding.UTF8.GetString(body));

        using var reader = agent.ClientFor(AgentFactory.Reader);
        JsonElement webhook = default;
        while (started.Elapsed < TimeSpan.FromSeconds(15))
        {
            var events = (await (await reader.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/events?type=auth")).EnvelopeAsync(HttpStatusCode.OK))
                .GetProperty("data").GetProperty("events");
            webhook = events.EnumerateArray().Single(e => e.GetProperty("id").GetInt64().ToString() == eventId).GetProperty("webhook");
            if (webhook.ValueKind == JsonValueKind.Object && webhook.GetProperty("status").GetString() == "delivered")
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.Equal("delivered", webhook.GetProperty("status").GetString());
        Assert.Equal(1, webhook.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("last_error").ValueKind);
    }
}
