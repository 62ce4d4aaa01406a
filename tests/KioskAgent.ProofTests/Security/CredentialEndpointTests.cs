using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using KioskAgent.Auth;
using KioskAgent.ProofTests.Support;
using KioskAgent.Tests.Support;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Security;

/// <summary>POST /api/auth under attack: guessing, bodies that are not credentials, and what reaches the logs.</summary>
public sealed class CredentialEndpointTests(ITestOutputHelper output)
{
    private const string AuthPath = "/api/auth";

    [Fact]
    public async Task Hundred_wrong_secrets_are_throttled_with_retry_after_and_cost_little_cpu()
    {
        await using var agent = ProofAgent.WithSettings(new Dictionary<string, string?> { ["Auth:FailureLimit:PermitLimit"] = "5" });
        var client = agent.CreateClient();
        var permit = agent.AuthOptions.FailureLimit.PermitLimit;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        int unauthorized = 0, limited = 0;
        for (var i = 0; i < 100; i++)
        {
            using var response = await client.PostAsJsonAsync(AuthPath, new { client_id = AgentFactory.Maintainer.ClientId, client_secret = $"guess-{i}" });
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized:
                    unauthorized++;
                    await response.EnvelopeAsync(HttpStatusCode.Unauthorized);
                    break;
                case HttpStatusCode.TooManyRequests:
                    limited++;
                    Assert.Equal("rate_limited", await response.ErrorCodeAsync(HttpStatusCode.TooManyRequests));
                    var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(retryAfter, 1, (int)agent.AuthOptions.FailureLimit.Window.TotalSeconds);
                    break;
                default:
                    Assert.Fail($"attempt {i}: {(int)response.StatusCode}");
                    break;
            }
        }

        var spent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Figure.Print(output, "credential brute force", $"100 wrong secrets: {unauthorized}×401 then {limited}×429 with Retry-After; "
            + $"{spent:0} ms CPU (whole test process, client included), {clock.ElapsedMilliseconds} ms wall");
        Assert.Equal(permit, unauthorized);
        Assert.Equal(100 - permit, limited);
        Assert.True(spent < 10_000, $"100 refused logins cost {spent:0} ms of CPU");

        // Once blocked, the right secret is refused too: guessing cannot continue at a slower pace unnoticed.
        using var right = await client.PostAsJsonAsync(AuthPath, new { client_id = AgentFactory.Maintainer.ClientId, client_secret = AgentFactory.SecretOf(AgentFactory.Maintainer.ClientId) });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    public static TheoryData<string, string, string?, HttpStatusCode> Bodies() => new()
    {
        { "oversized", "application/json", null, HttpStatusCode.RequestEntityTooLarge },
        { "not JSON", "application/json", "{\"client_id\": ", HttpStatusCode.BadRequest },
        { "JSON array", "application/json", "[1,2,3]", HttpStatusCode.BadRequest },
        { "numbers", "application/json", "{\"client_id\":1,\"client_secret\":2}", HttpStatusCode.BadRequest },
        { "empty object", "application/json", "{}", HttpStatusCode.BadRequest },
        { "empty body", "application/json", "", HttpStatusCode.BadRequest },
        { "deep nesting", "application/json", new string('[', 5000) + new string(']', 5000), HttpStatusCode.RequestEntityTooLarge },
        { "form", "application/x-www-form-urlencoded", "client_id=a&client_secret=b", HttpStatusCode.UnsupportedMediaType },
        { "text", "text/plain", "{\"client_id\":\"a\",\"client_secret\":\"b\"}", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_is_not_credentials_is_refused_in_the_envelope(string situation, string mediaType, string? body, HttpStatusCode expected)
    {
        await using var agent = new ProofAgent();
        var content = new StringContent(body ?? $"{{\"client_id\":\"{new string('a', (int)AuthApi.MaxBodyBytes)}\",\"client_secret\":\"x\"}}", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);

        using var response = await agent.CreateClient().PostAsync(AuthPath, content);

        await response.EnvelopeAsync(expected);
        Assert.True(situation.Length > 0);
    }

    [Fact]
    public async Task Neither_the_secret_nor_the_token_nor_the_key_reaches_any_log_line()
    {
        await using var agent = ProofAgent.WithSettings(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:System"] = "Verbose",
        });
        var client = agent.CreateClient();
        var secret = AgentFactory.SecretOf(AgentFactory.Maintainer.ClientId);

        using var issued = await client.PostAsJsonAsync(AuthPath, new { client_id = AgentFactory.Maintainer.ClientId, client_secret = secret });
        var token = (await issued.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty("token").GetString()!;
        using var wrong = await client.PostAsJsonAsync(AuthPath, new { client_id = AgentFactory.Maintainer.ClientId, client_secret = secret + "x" });

        // A technician pastes the secret into the client id field: the rejection must not echo it into the log.
        using var swapped = await client.PostAsJsonAsync(AuthPath, new { client_id = secret, client_secret = AgentFactory.Maintainer.ClientId });
        Assert.Equal(HttpStatusCode.Unauthorized, swapped.StatusCode);
        using var ok = await agent.ClientWithToken(token).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        // The signature's first character carries six whole bits of it; its last ones carry padding bits that a decoder
        // may ignore, so changing those can leave the signature's bytes, and its validity, as they were.
        var at = token.LastIndexOf('.') + 1;
        var tamperedToken = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        using var tampered = await agent.ClientWithToken(tamperedToken).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/printer/status");
        using var expiredShape = await agent.ClientWithToken(token + "=").GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        using var crossKiosk = await agent.ClientWithToken(token).GetAsync($"/api/kiosk/{ProofAgent.SecondKioskId}/status");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);

        var signature = token[(token.LastIndexOf('.') + 1)..];
        var leaks = new[] { secret, secret + "x", token, signature, agent.AuthOptions.SigningKey! }.SelectMany(agent.Log.Containing).ToList();
        Figure.Print(output, "secrets in logs", $"{agent.Log.Count} log events at Verbose scanned for the secret, the token, its signature and the signing key: {leaks.Count} found");
        Assert.True(agent.Log.Count > 10, "the capture saw almost nothing: the scan would prove nothing");
        Assert.Empty(leaks);
    }
}
