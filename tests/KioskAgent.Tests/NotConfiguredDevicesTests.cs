using System.Net;
using KioskAgent.Kiosk;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>A kiosk whose devices are switched off in configuration: the CPU is still real, the rest read Disabled.</summary>
public sealed class NotConfiguredDevicesTests(NotConfiguredDevicesTests.AgentWithoutDevices agent) : IClassFixture<NotConfiguredDevicesTests.AgentWithoutDevices>
{
    private static readonly string Kiosk = $"/api/kiosk/{AgentFactory.KioskId}";

    [Fact]
    public async Task KioskStatusHasTheFlatShapeWithCpuRealAndOtherDevicesDisabled()
    {
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync($"{Kiosk}/status");
        var data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(["cpu", "printer", "dispenser", "tpv", "scanner", "bill_reader"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Normal", data.GetProperty("cpu").GetString());
        foreach (var device in new[] { "printer", "dispenser", "tpv", "scanner", "bill_reader" })
        {
            Assert.Equal("Disabled", data.GetProperty(device).GetString());
        }
    }

    [Theory]
    [InlineData("GET", "printer/status")]
    [InlineData("GET", "bill-reader/status")]
    [InlineData("POST", "dispenser/restart")]
    [InlineData("POST", "scanner/restart")]
    [InlineData("POST", "cpu/restart")]
    [InlineData("GET", "coffee-machine/status")]
    public async Task DeviceNotConfiguredOrUnknownIs404(string method, string route)
    {
        using var client = agent.ClientFor(AgentFactory.Maintainer);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{Kiosk}/{route}"));
        Assert.Equal("device_not_found", await response.ErrorCodeAsync(HttpStatusCode.NotFound));
    }

    public sealed class AgentWithoutDevices : AgentFactory
    {
        public AgentWithoutDevices()
            : base("Development", DeviceModules.All.ToDictionary(m => $"Kiosks:0:{m.Section}:Enabled", _ => (string?)"false"), null)
        {
        }
    }
}
