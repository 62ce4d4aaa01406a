using System.Net;
using System.Net.Http.Json;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Journal;

/// <summary>A journal file the agent cannot use, and webhook configuration it must refuse.</summary>
public sealed class JournalFailureTests
{
    [Fact]
    public async Task With_a_corrupted_journal_file_the_agent_starts_serves_status_and_says_the_journal_is_unavailable()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kioskagent-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "journal.db");
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)0x5A, 16384).ToArray());
        try
        {
            await using var agent = AgentFactory.With(new Dictionary<string, string?> { ["Journal:DatabasePath"] = path });
            using var client = agent.ClientFor(AgentFactory.Reader);

            var status = (await (await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status")).EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");
            Assert.False(string.IsNullOrEmpty(status.GetProperty("printer").GetString()));
            Assert.Equal("journal_unavailable", await (await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/events")).ErrorCodeAsync(HttpStatusCode.ServiceUnavailable));
            Assert.Equal("journal_unavailable", await (await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/events/stream")).ErrorCodeAsync(HttpStatusCode.ServiceUnavailable));
            var token = await agent.CreateClient().PostAsJsonAsync("/api/auth", new { client_id = AgentFactory.Reader.ClientId, client_secret = AgentFactory.SecretOf(AgentFactory.Reader.ClientId) });
            await token.EnvelopeAsync(HttpStatusCode.OK);
            using var ready = await agent.CreateClient().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("nobody", "*", "Journal:Webhooks:Integrators:nobody names no integrator of Auth:Integrators")]
    [InlineData("test-reader", "9f1c2b7a-0000-4000-8000-000000000002", "Journal:Webhooks:Integrators:test-reader:Kiosks has '9f1c2b7a-0000-4000-8000-000000000002'")]
    public async Task A_webhook_beyond_its_integrators_grant_stops_the_agent_naming_the_key(string integrator, string kiosk, string expected)
    {
        var key = $"Journal:Webhooks:Integrators:{integrator}";
        await using var agent = AgentFactory.With(new Dictionary<string, string?>
        {
            [$"{key}:Url"] = "http://127.0.0.1:9/hook",
            [$"{key}:Secret"] = "whsec-0123456789abcdef0123456789abcdef",
            [$"{key}:Kiosks:0"] = kiosk,
        });

        var error = Assert.ThrowsAny<Exception>(() => agent.CreateClient());

        Assert.Contains(expected, error.ToString());
        Assert.DoesNotContain("whsec-0123456789abcdef0123456789abcdef", error.ToString());
    }
}
