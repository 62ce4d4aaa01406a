using System.Net;
using System.Net.Http.Json;
using System.Text;
using KioskAgent.Auth;
using KioskAgent.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace KioskAgent.Tests;

/// <summary>POST /api/auth: the token, the credential failures, and what a malformed request gets.</summary>
public sealed class AuthTokenTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    [Fact]
    public async Task DevelopmentCredentialsGetATokenThatStatusAccepts()
    {
        using var client = agent.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth", new { client_id = DevelopmentCredentials.ClientId, client_secret = DevelopmentCredentials.ClientSecret });
        var data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal("Bearer", data.GetProperty("token_type").GetString());
        Assert.Equal(3600, data.GetProperty("expires_in").GetInt32());
        Assert.Equal("kiosk:read kiosk:maintain", data.GetProperty("scope").GetString());
        Assert.Equal("*", Assert.Single(data.GetProperty("kiosks").EnumerateArray()).GetString());

        var token = data.GetProperty("token").GetString()!;
        using var status = await agent.ClientWithToken(token).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        await status.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenCarriesTheContractsClaimsAndValidatesUnderTheAppsRules()
    {
        var token = agent.TokenFor(AgentFactory.Maintainer);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, TokenValidation.Parameters(agent.AuthOptions, agent.SigningKey));
        Assert.True(result.IsValid, result.Exception?.Message);

        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(TokenIssuer.TokenType, jwt.Typ);
        Assert.Equal(AgentFactory.Maintainer.ClientId, jwt.Subject);
        Assert.Equal(agent.AuthOptions.Issuer, jwt.Issuer);
        Assert.Equal(agent.AuthOptions.Audience, Assert.Single(jwt.Audiences));
        Assert.Matches("^[0-9a-f]{32}$", jwt.Id);
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.ValidFrom);
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
        Assert.Equal([AgentFactory.KioskId], jwt.GetPayloadValue<string[]>("kiosks"));
        Assert.Equal("kiosk:read kiosk:maintain", jwt.GetPayloadValue<string>("scope"));
        Assert.False(jwt.TryGetHeaderValue<string>("kid", out _));
    }

    [Fact]
    public async Task UnknownClientAndWrongSecretGetTheSameReply()
    {
        using var client = agent.CreateClient();
        using var unknown = await client.PostAsJsonAsync("/api/auth", new { client_id = "nobody", client_secret = "whatever" });
        using var wrong = await client.PostAsJsonAsync("/api/auth", new { client_id = DevelopmentCredentials.ClientId, client_secret = "whatever" });

        var a = (await unknown.EnvelopeAsync(HttpStatusCode.Unauthorized)).GetProperty("error");
        var b = (await wrong.EnvelopeAsync(HttpStatusCode.Unauthorized)).GetProperty("error");
        Assert.Equal("invalid_credentials", a.GetProperty("code").GetString());
        Assert.Equal(a.GetRawText(), b.GetRawText());
        Assert.Equal("Bearer", Assert.Single(unknown.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("{\"client_id\":\"dev-integrator\",", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"client_id\":\"dev-integrator\"}", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("{\"client_id\":42,\"client_secret\":\"x\"}", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("client_id=dev-integrator&client_secret=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    [InlineData("{\"client_id\":\"a\",\"client_secret\":\"b\"}", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type")]
    public async Task MalformedRequestIsRefusedInTheEnvelope(string body, string contentType, HttpStatusCode status, string code)
    {
        using var client = agent.CreateClient();
        using var response = await client.PostAsync("/api/auth", new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal(code, await response.ErrorCodeAsync(status));
    }

    [Fact]
    public async Task OversizedBodyIs413()
    {
        var body = $"{{\"client_id\":\"dev-integrator\",\"client_secret\":\"{new string('x', 64 * 1024)}\"}}";
        using var client = agent.CreateClient();
        using var response = await client.PostAsync("/api/auth", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal("payload_too_large", await response.ErrorCodeAsync(HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task RepeatedFailuresAreRateLimitedWithRetryAfter()
    {
        await using var limited = AgentFactory.With(new Dictionary<string, string?> { ["Auth:FailureLimit:PermitLimit"] = "3" });
        using var client = limited.CreateClient();
        var wrong = new { client_id = DevelopmentCredentials.ClientId, client_secret = "guess" };
        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/auth", wrong);
            Assert.Equal("invalid_credentials", await failed.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        }

        // Spent: even the right secret is refused until the window ends, so guessing cannot continue slowly.
        using var right = await client.PostAsJsonAsync("/api/auth", new { client_id = DevelopmentCredentials.ClientId, client_secret = DevelopmentCredentials.ClientSecret });
        Assert.Equal("rate_limited", await right.ErrorCodeAsync(HttpStatusCode.TooManyRequests));
        var retryAfter = right.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SuccessesDoNotSpendTheFailureBudget()
    {
        await using var limited = AgentFactory.With(new Dictionary<string, string?> { ["Auth:FailureLimit:PermitLimit"] = "1" });
        using var client = limited.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await client.PostAsJsonAsync("/api/auth", new { client_id = DevelopmentCredentials.ClientId, client_secret = DevelopmentCredentials.ClientSecret });
            await ok.EnvelopeAsync(HttpStatusCode.OK);
        }
    }
}
