using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using KioskAgent.Auth;
using KioskAgent.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests;

/// <summary>
/// The agent's own bearer handler: what any Authorization header gets (never a 5xx), and that a cached token still
/// passes the agent's own checks on every request and gives every request its own identity.
/// </summary>
public sealed class BearerTokenTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    private static readonly string StatusPath = $"/api/kiosk/{AgentFactory.KioskId}/status";

    public static TheoryData<string> GarbageHeaders() => new(
        "Bearer",
        "Bearer ",
        "Bearer      ",
        "Bearer a.b",
        "Bearer a.b.c.d",
        "Bearer ...",
        "Bearer a..b",
        "Bearer éé.éé.éé",
        "Bearer a.b.c=",
        "Bearer a+b.c/d.e",
        "Bearer \u0001.\u0002.\u0003",
        "Bearer " + new string('a', 20_000) + ".b.c",
        "Bearer " + string.Join('.', Enumerable.Repeat(new string('A', 3000), 3)),
        "Basic dXNlcjpwYXNz",
        "Bearertoken",
        "Token a.b.c",
        "BEARER a.b.c",
        ",,,",
        "Bearer Bearer a.b.c");

    [Theory]
    [MemberData(nameof(GarbageHeaders))]
    public async Task GarbageAuthorizationHeaderGets401InTheEnvelope(string header)
    {
        using var client = agent.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, StatusPath);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await client.SendAsync(request);

        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        if (header.Length > 40)
        {
            Assert.DoesNotContain(header[7..40], Assert.Single(response.Headers.WwwAuthenticate).Parameter ?? "", StringComparison.Ordinal); // never echoed
        }
    }

    [Theory]
    [InlineData("a.b.c", true)]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.abc-_09XYZ", true)]
    [InlineData("..", true)] // well-formed as far as this check goes; the library refuses it
    [InlineData("", false)]
    [InlineData("a.b", false)]
    [InlineData("a.b.c.d", false)]
    [InlineData("a.b.c=", false)]
    [InlineData("a+b.c.d", false)]
    [InlineData("a/b.c.d", false)]
    [InlineData("a b.c.d", false)]
    [InlineData("é.b.c", false)]
    [InlineData("\uFF21.b.c", false)] // fullwidth A: a letter, not an ASCII one
    [InlineData("\u0661.b.c", false)] // Arabic-Indic digit one
    [InlineData("a.b.c\u0000", false)]
    public void CompactFormIsThreeBase64UrlSegments(string token, bool expected) =>
        Assert.Equal(expected, IntegratorTokenValidator.IsCompactJws(token));

    [Fact]
    public async Task TheTokenIsJudgedBeforeTheKioskIsLookedUp()
    {
        // Without a valid token nothing is said about which kiosks this agent serves: 401, never 404.
        using var client = agent.CreateClient();
        using var anonymous = await client.GetAsync("/api/kiosk/no-such-kiosk/status");
        Assert.Equal("unauthorized", await anonymous.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/kiosk/no-such-kiosk/status");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer not.a.token");
        using var forged = await client.SendAsync(request);
        Assert.Equal("unauthorized", await forged.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.StartsWith("Bearer error=\"invalid_token\"", forged.Headers.WwwAuthenticate.ToString());

        using var reader = agent.ClientFor(AgentFactory.Reader);
        using var unknown = await reader.GetAsync("/api/kiosk/no-such-kiosk/status");
        Assert.Equal("kiosk_not_found", await unknown.ErrorCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task TwoAuthorizationHeadersAreRefused()
    {
        var token = agent.TokenFor(AgentFactory.Maintainer);
        using var client = agent.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, StatusPath);
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token}", $"Bearer {token}"]);
        using var response = await client.SendAsync(request);

        await response.EnvelopeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SchemeIsCaseInsensitiveAndSurroundingSpaceIgnored()
    {
        var token = agent.TokenFor(AgentFactory.Reader);
        using var client = agent.CreateClient();
        foreach (var header in new[] { $"bearer {token}", $"BEARER {token}", $"Bearer   {token}  " })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, StatusPath);
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await client.SendAsync(request);
            await response.EnvelopeAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task RepeatedValidTokenKeepsWorkingAndWrongKioskStaysForbidden()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(StatusPath);
            await ok.EnvelopeAsync(HttpStatusCode.OK);
            using var restart = await client.PostAsync($"/api/kiosk/{AgentFactory.KioskId}/printer/restart", null);
            Assert.Equal("forbidden", await restart.ErrorCodeAsync(HttpStatusCode.Forbidden));
        }
    }

    [Fact]
    public async Task CachedTokenWithCritHeaderIsRefusedEveryTime()
    {
        // The library accepts (and the cache keeps) a token with a crit header; the agent's own check refuses it on each request.
        var validator = Validator(new ManualClock(DateTimeOffset.UtcNow), out var key);
        var forge = Forge(DateTimeOffset.UtcNow);
        forge.Header["crit"] = new System.Text.Json.Nodes.JsonArray("exp");
        var token = forge.SignHs256(key);

        for (var i = 0; i < 2; i++)
        {
            var check = await validator.Validate(token);
            Assert.Null(check.Principal);
            Assert.IsType<IntegratorTokenRejectedException>(check.Failure);
        }
    }

    [Fact]
    public async Task ACachedTokensPrincipalIsSharedAndCannotBeChanged()
    {
        var validator = Validator(new ManualClock(DateTimeOffset.UtcNow), out var key);
        var token = Forge(DateTimeOffset.UtcNow).SignHs256(key);

        var first = (await validator.Validate(token)).Principal;
        var second = (await validator.Validate(token)).Principal;
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Same(first, second);
        Assert.Equal(AgentFactory.Maintainer.ClientId, second.Integrator);
        Assert.Equal(AgentFactory.Maintainer.ClientId, second.FindFirst("sub")?.Value);

        // Shared by every request with this token: nothing may add a claim or an identity to it.
        var identity = (ClaimsIdentity)second.Identity!;
        Assert.Throws<InvalidOperationException>(() => identity.AddClaim(new Claim(TokenIssuer.ScopeClaim, Scopes.Maintain)));
        Assert.Throws<InvalidOperationException>(() => identity.AddClaims([new Claim(TokenIssuer.KiosksClaim, Scopes.AllKiosks)]));
        Assert.Throws<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst("sub")));
        Assert.Throws<InvalidOperationException>(() => identity.TryRemoveClaim(identity.FindFirst("sub")));
        Assert.Throws<InvalidOperationException>(() => second.AddIdentity(new ClaimsIdentity()));
        Assert.Throws<InvalidOperationException>(() => second.AddIdentities([new ClaimsIdentity()]));
    }

    [Fact]
    public async Task GrantIsReadFromTheTokensClaims()
    {
        var validator = Validator(new ManualClock(DateTimeOffset.UtcNow), out var key);
        var forge = Forge(DateTimeOffset.UtcNow);
        forge.Payload["scope"] = "kiosk:read  kiosk:read";
        forge.Payload["kiosks"] = new System.Text.Json.Nodes.JsonArray("k-1", "k-2");
        var principal = (await validator.Validate(forge.SignHs256(key))).Principal;

        Assert.NotNull(principal);
        Assert.Equal(["kiosk:read"], principal.Scopes);
        Assert.True(principal.HasScope(Scopes.Read));
        Assert.False(principal.HasScope(Scopes.Maintain));
        Assert.False(principal.HasScope("kiosk")); // whole scopes only, not prefixes
        Assert.True(principal.CoversKiosk("k-2"));
        Assert.False(principal.CoversKiosk("K-2"));
        Assert.False(principal.CoversKiosk("k-"));
    }

    [Fact]
    public async Task TokenIssuedInTheFutureIsRefusedAndNeverServedFromTheCache()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var validator = Validator(clock, out var key);
        var forge = Forge(DateTimeOffset.UtcNow);
        forge.Payload["iat"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var token = forge.SignHs256(key);

        Assert.IsType<IntegratorTokenRejectedException>((await validator.Validate(token)).Failure);
        Assert.IsType<IntegratorTokenRejectedException>((await validator.Validate(token)).Failure);
    }

    [Fact]
    public async Task TokenThatExpiresWhileCachedIsRefused()
    {
        // No skew here, so the test waits two seconds instead of thirty: served from the cache until exp, refused after.
        var cache = new ValidatedTokenCache(TimeProvider.System);
        var validator = Validator(TimeProvider.System, out var key, cache, TimeSpan.Zero);
        var forge = Forge(DateTimeOffset.UtcNow.AddMinutes(-1));
        var exp = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeSeconds();
        forge.Payload["exp"] = exp;
        var token = forge.SignHs256(key);
        Assert.NotNull((await validator.Validate(token)).Principal);
        Assert.NotNull((await validator.Validate(token)).Principal);
        Assert.Equal(1, cache.Count);

        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() <= exp)
        {
            await Task.Delay(100);
        }

        Assert.IsType<SecurityTokenExpiredException>((await validator.Validate(token)).Failure);
        Assert.Equal(0, cache.Count);
    }

    private static IntegratorTokenValidator Validator(TimeProvider clock, out byte[] key, ValidatedTokenCache? cache = null, TimeSpan? skew = null)
    {
        key = RandomNumberGenerator.GetBytes(32);
        var options = Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(key), ClockSkew = skew ?? new AuthOptions().ClockSkew });
        return new IntegratorTokenValidator(options, new SigningKeys(options), cache ?? new ValidatedTokenCache(clock), clock);
    }

    private static TokenForge Forge(DateTimeOffset now)
    {
        var auth = new AuthOptions();
        return new TokenForge(auth.Issuer, auth.Audience, AgentFactory.Maintainer.ClientId, now);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
