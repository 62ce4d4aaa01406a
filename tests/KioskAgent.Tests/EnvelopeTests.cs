using System.Net;
using System.Text;
using KioskAgent.Devices.Runtime;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>The envelope and request id on success and on every error class, including those the framework raises.</summary>
public sealed class EnvelopeTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    private static readonly string Kiosk = $"/api/kiosk/{AgentFactory.KioskId}";

    [Fact]
    public async Task SuccessCarriesRequestIdInBodyAndHeader()
    {
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync($"{Kiosk}/status");
        await response.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestIdsDifferPerRequest()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        using var first = await client.GetAsync($"{Kiosk}/status");
        using var second = await client.GetAsync($"{Kiosk}/status");
        Assert.NotEqual(first.Headers.GetValues("X-Request-Id").Single(), second.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task IncomingTraceparentSetsTheRequestId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Kiosk}/status");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        using var response = await agent.ClientFor(AgentFactory.Reader).SendAsync(request);
        var root = await response.EnvelopeAsync(HttpStatusCode.OK);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", root.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")] // an all-zero trace id is invalid
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01, 00-1af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    public async Task MalformedTraceparentGetsAFreshRequestId(string traceparent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Kiosk}/status");
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        using var response = await agent.ClientFor(AgentFactory.Reader).SendAsync(request);
        var id = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("request_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.DoesNotContain(id, traceparent, StringComparison.Ordinal);
        Assert.NotEqual(new string('0', 32), id);
    }

    [Fact]
    public async Task UnknownRouteUnderApiIs404InTheEnvelope()
    {
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync("/api/no/such/route");
        Assert.Equal("not_found", await response.ErrorCodeAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task WrongMethodIs405InTheEnvelope()
    {
        using var response = await agent.CreateClient().GetAsync("/api/auth");
        Assert.Equal("method_not_allowed", await response.ErrorCodeAsync(HttpStatusCode.MethodNotAllowed));
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task UnsupportedMediaTypeIs415InTheEnvelope()
    {
        using var response = await agent.CreateClient().PostAsync("/api/auth", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal("unsupported_media_type", await response.ErrorCodeAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task UnhandledExceptionIs500WithoutDetail()
    {
        await using var failing = AgentFactory.With(registry: FakeRestarter.RegistryWithPrinter(new FakeRestarter(RestartResult.Completed, throws: true)));
        using var response = await failing.ClientFor(AgentFactory.Maintainer).PostAsync($"{Kiosk}/printer/restart", null);
        Assert.Equal("internal_error", await response.ErrorCodeAsync(HttpStatusCode.InternalServerError));
        Assert.DoesNotContain("secret-internal-detail", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("InvalidOperation", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthEndpointsAreAnonymousAndMinimal()
    {
        using var client = agent.CreateClient();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
