using System.Diagnostics;
using System.Net;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Devices;

/// <summary>
/// The dispenser's own detail through the API, on the embedded configuration (K720 emulator, production poll
/// timing): the contract's fields in snake_case, and issue 4's "warning at low, error at empty within a second".
/// </summary>
public sealed class DispenserApiTests(EmulatedKioskAgent agent) : IClassFixture<EmulatedKioskAgent>
{
    private static bool Online(JsonElement data) => data.GetProperty("state").GetString() == "Online";

    [Fact]
    public async Task Status_carries_the_dispenser_detail()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);

        var data = await agent.WaitForStatusAsync(client, "dispenser", Online, "online");

        Assert.Equal("ok", data.GetProperty("hopper").GetString());
        Assert.Equal("none", data.GetProperty("card_position").GetString());
        foreach (var flag in new[] { "jam", "overlap", "reject_bin_full", "dispense_error", "capture_error", "cannot_execute" })
        {
            Assert.False(data.GetProperty(flag).GetBoolean(), flag);
        }

        Assert.Equal(0, data.GetProperty("sensors_covered").GetArrayLength());
        Assert.Equal("00", data.GetProperty("unit_address").GetString());
        Assert.Equal("K720-EMU 1.0", data.GetProperty("version").GetString());
        Assert.Equal("K720", data.GetProperty("connection").GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Emptying_the_hopper_reads_warning_at_low_and_error_at_empty_within_a_second()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        await agent.WaitForStatusAsync(client, "dispenser", Online, "online");
        var dispenser = agent.Emulator(DeviceKind.Dispenser);
        try
        {
            var clock = Stopwatch.StartNew();
            Assert.True(dispenser.Inject("hopper_low"));
            var low = await agent.WaitForStatusAsync(client, "dispenser", d => d.GetProperty("state").GetString() == "Warning", "warning at low");
            var toWarning = clock.Elapsed;
            Assert.Equal("low", low.GetProperty("hopper").GetString());
            AssertError(low, "hopper_low", "clear");

            clock.Restart();
            Assert.True(dispenser.Inject("hopper_empty"));
            var empty = await agent.WaitForStatusAsync(client, "dispenser", d => d.GetProperty("state").GetString() == "Error", "error at empty");
            var toError = clock.Elapsed;
            Assert.Equal("empty", empty.GetProperty("hopper").GetString());
            AssertError(empty, "hopper_empty", "clear");

            using var kiosk = await client.GetAsync($"{EmulatedKioskAgent.Kiosk}/status");
            Assert.Equal("Error", (await kiosk.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty("dispenser").GetString());
            Assert.True(toWarning < TimeSpan.FromSeconds(1) && toError < TimeSpan.FromSeconds(1), $"warning after {toWarning}, error after {toError}");
        }
        finally
        {
            dispenser.Inject("hopper_full");
        }

        await agent.WaitForStatusAsync(client, "dispenser", Online, "refilled");
    }

    [Fact]
    public async Task A_dispensed_card_shows_at_the_gate_until_it_is_taken()
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        await agent.WaitForStatusAsync(client, "dispenser", Online, "online");
        var dispenser = agent.Emulator(DeviceKind.Dispenser);
        try
        {
            Assert.True(dispenser.Inject("dispense_card"));
            var data = await agent.WaitForStatusAsync(client, "dispenser", d => d.GetProperty("card_position").GetString() == "gate", "card at the gate");
            Assert.Equal([1], data.GetProperty("sensors_covered").EnumerateArray().Select(e => e.GetInt32()));
        }
        finally
        {
            dispenser.Inject("card_taken");
        }

        await agent.WaitForStatusAsync(client, "dispenser", d => d.GetProperty("card_position").GetString() == "none", "card taken");
    }

    private static void AssertError(JsonElement data, string code, string action)
    {
        var error = Assert.Single(data.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(action, error.GetProperty("action").GetString());
    }
}
