using System.Net;
using KioskAgent.Devices.Runtime;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>How a restart's outcome becomes a reply (the restart itself is the device runtime's, tested there).</summary>
public sealed class RestartApiTests
{
    private static readonly string Restart = $"/api/kiosk/{AgentFactory.KioskId}/printer/restart";

    [Fact]
    public async Task CompletedRestartReportsOperationMethodStateAndDuration()
    {
        var restarter = new FakeRestarter(RestartResult.Completed);
        await using var agent = AgentFactory.With(registry: FakeRestarter.RegistryWithPrinter(restarter));
        using var response = await agent.ClientFor(AgentFactory.Maintainer).PostAsync(Restart, null);
        var root = await response.EnvelopeAsync(HttpStatusCode.OK);
        var data = root.GetProperty("data");

        Assert.Equal(FakeRestarter.OperationId, data.GetProperty("operation_id").GetGuid());
        Assert.Equal("printer", data.GetProperty("device").GetString());
        Assert.Equal("power_cycle", data.GetProperty("method").GetString());
        Assert.Equal("completed", data.GetProperty("result").GetString());
        Assert.Equal("Online", data.GetProperty("state").GetString());
        Assert.Equal(1234, data.GetProperty("duration_ms").GetInt64());

        var request = Assert.Single(restarter.Requests);
        Assert.Equal(AgentFactory.Maintainer.ClientId, request.RequestedBy);
        Assert.Equal(root.GetProperty("request_id").GetString(), request.RequestId);
    }

    [Theory]
    [InlineData(RestartResult.TimedOut, HttpStatusCode.GatewayTimeout, "device_timeout")]
    [InlineData(RestartResult.NotSupported, HttpStatusCode.Conflict, "restart_not_supported")]
    [InlineData(RestartResult.Failed, HttpStatusCode.ServiceUnavailable, "restart_failed")]
    public async Task UnsuccessfulRestartMapsToItsError(RestartResult result, HttpStatusCode status, string code)
    {
        var restarter = new FakeRestarter(result, failure: $"why: {code}");
        await using var agent = AgentFactory.With(registry: FakeRestarter.RegistryWithPrinter(restarter));
        using var response = await agent.ClientFor(AgentFactory.Maintainer).PostAsync(Restart, null);
        var error = (await response.EnvelopeAsync(status)).GetProperty("error");

        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal($"why: {code}", error.GetProperty("message").GetString());
        Assert.Equal(FakeRestarter.OperationId, error.GetProperty("operation_id").GetGuid());
    }

    [Fact]
    public async Task ConfiguredDeviceStatusShowsItsSnapshot()
    {
        await using var agent = AgentFactory.With(registry: FakeRestarter.RegistryWithPrinter(new FakeRestarter(RestartResult.Completed)));
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/printer/status");
        var data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("Online", data.GetProperty("state").GetString());
        Assert.Equal("disconnected", data.GetProperty("connection").GetProperty("status").GetString());
        Assert.Equal(0, data.GetProperty("errors").GetArrayLength());
    }
}
