using System.Net;
using KioskAgent.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests;

/// <summary>Every JWT case of testing.md: 401, the envelope, and WWW-Authenticate naming invalid_token.</summary>
public sealed class JwtRejectionTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    private static readonly string StatusPath = $"/api/kiosk/{AgentFactory.KioskId}/status";

    public static TheoryData<string> Cases() => new(JwtCases.All);

    [Fact]
    public async Task ForgedTokenSignedWithTheRightKeyIsAccepted()
    {
        // The control case: the forge itself makes tokens the agent takes, so each rejection below is about its one change.
        using var response = await agent.ClientWithToken(Forge().SignHs256(KeyBytes)).GetAsync(StatusPath);
        await response.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TokenIsRejected(string situation)
    {
        using var client = agent.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, StatusPath);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token(situation)}");
        using var response = await client.SendAsync(request);

        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
    }

    [Fact]
    public async Task NoHeaderReceived()
    {
        using var response = await agent.CreateClient().GetAsync(StatusPath);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task ExpiredWithinSkewIsStillAccepted()
    {
        // Proves the skew is the configured 30 s, not the framework's 5 minutes, from the accepting side.
        var forge = Forge();
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        forge.Payload["iat"] = tenMinutesAgo;
        forge.Payload["nbf"] = tenMinutesAgo;
        forge.Payload["exp"] = DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeSeconds();
        using var accepted = await agent.ClientWithToken(forge.SignHs256(KeyBytes)).GetAsync(StatusPath);
        await accepted.EnvelopeAsync(HttpStatusCode.OK);

        forge.Payload["exp"] = DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeSeconds();
        using var rejected = await agent.ClientWithToken(forge.SignHs256(KeyBytes)).GetAsync(StatusPath);
        await rejected.EnvelopeAsync(HttpStatusCode.Unauthorized);
    }

    private byte[] KeyBytes => ((SymmetricSecurityKey)agent.SigningKey).Key;

    private TokenForge Forge() => new(agent.AuthOptions.Issuer, agent.AuthOptions.Audience, AgentFactory.Maintainer.ClientId, DateTimeOffset.UtcNow);

    private string Token(string situation) => JwtCases.Token(situation, Forge, KeyBytes);
}
