using System.Net;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>Which token reaches which kiosk and route: 404 for kiosks not served, 403 for kiosks or scopes not covered.</summary>
public sealed class KioskAccessTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    private static readonly string Kiosk = $"/api/kiosk/{AgentFactory.KioskId}";

    [Fact]
    public async Task TokenForAnotherKioskIs403()
    {
        using var response = await agent.ClientFor(AgentFactory.Stranger).GetAsync($"{Kiosk}/status");
        Assert.Equal("forbidden", await response.ErrorCodeAsync(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task WildcardTokenReachesEveryServedKiosk()
    {
        using var response = await agent.ClientFor(AgentFactory.Everywhere).GetAsync($"{Kiosk}/cpu/status");
        await response.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("printer")]
    [InlineData("dispenser")]
    [InlineData("scanner")]
    [InlineData("tpv")]
    [InlineData("bill-reader")]
    public async Task RestartWithoutMaintainScopeIs403(string device)
    {
        using var response = await agent.ClientFor(AgentFactory.Reader).PostAsync($"{Kiosk}/{device}/restart", null);
        var error = (await response.EnvelopeAsync(HttpStatusCode.Forbidden)).GetProperty("error");
        Assert.Contains("kiosk:maintain", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task StatusWithoutReadScopeIs403()
    {
        var maintainOnly = new KioskAgent.Auth.Integrator("maintain-only", [AgentFactory.KioskId], [KioskAgent.Auth.Scopes.Maintain]);
        using var response = await agent.ClientFor(maintainOnly).GetAsync($"{Kiosk}/status");
        Assert.Equal("forbidden", await response.ErrorCodeAsync(HttpStatusCode.Forbidden));
    }

    [Theory]
    [InlineData("GET", "/status")]
    [InlineData("GET", "/cpu/status")]
    [InlineData("POST", "/printer/restart")]
    public async Task KioskNotServedHereIs404(string method, string route)
    {
        using var client = agent.ClientFor(AgentFactory.Everywhere);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/kiosk/{AgentFactory.OtherKioskId}{route}"));
        Assert.Equal("kiosk_not_found", await response.ErrorCodeAsync(HttpStatusCode.NotFound));
    }
}
