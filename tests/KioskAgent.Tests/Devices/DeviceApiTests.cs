using System.Net;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests.Devices;

/// <summary>
/// Every driver through the HTTP API against its emulator: the device answers, a fault injected into the
/// emulator shows in its status route and in the kiosk status, and a restart power-cycles it exactly once.
/// </summary>
public sealed class DeviceApiTests(EmulatedKioskAgent agent) : IClassFixture<EmulatedKioskAgent>
{
    public static TheoryData<string, string, string, int> Devices => new()
    {
        // route segment, status key, protocol, relay channel
        { "printer", "printer", "ESC/POS", 1 },
        { "dispenser", "dispenser", "K720", 2 },
        { "scanner", "scanner", "SSI", 3 },
        { "tpv", "tpv", "ZVT", 4 },
        { "bill-reader", "bill_reader", "SSP", 5 },
    };

    /// <summary>A fault, the state it must produce, a field that must show it, and the repair.</summary>
    public static TheoryData<string, string, string, string, string?, string> Faults => new()
    {
        { "printer", "paper_out", "Error", "paper", "out", "paper_ok" },
        { "printer", "cover_open", "Error", "cover_open", "True", "cover_closed" },
        { "dispenser", "hopper_low", "Warning", "hopper", "low", "hopper_full" },
        { "dispenser", "jam", "Error", "jam", "True", "clear_jam" },
        { "scanner", "silence", "Offline", "state", "Offline", "none" },
        { "tpv", "busy", "Busy", "busy", "True", "idle" },
        { "bill-reader", "cashbox_full", "Error", "cashbox", "full", "cashbox_replaced" },
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Each_device_answers_on_its_emulator_with_its_protocol(string device, string statusKey, string protocol, int channel)
    {
        _ = channel;
        using var client = agent.ClientFor(AgentFactory.Reader);

        var data = await agent.WaitForStatusAsync(client, device, d => d.GetProperty("state").GetString() is "Online" or "Ready", "answering");

        var connection = data.GetProperty("connection");
        Assert.Equal("connected", connection.GetProperty("status").GetString());
        Assert.StartsWith(protocol, connection.GetProperty("protocol").GetString(), StringComparison.Ordinal);
        Assert.True(data.GetProperty("observed_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(JsonValueKind.Array, data.GetProperty("errors").ValueKind);

        using var kiosk = await client.GetAsync($"{EmulatedKioskAgent.Kiosk}/status");
        var word = (await kiosk.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty(statusKey).GetString();
        Assert.Contains(word, DeviceStates.Vocabulary(KindOf(device)));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_in_the_emulator_shows_in_both_status_routes_and_clears(string device, string fault, string state, string field, string? value, string repair)
    {
        using var client = agent.ClientFor(AgentFactory.Reader);
        await agent.WaitForStatusAsync(client, device, d => d.GetProperty("state").GetString() is "Online" or "Ready", "answering");
        var emulator = agent.Emulator(KindOf(device));
        try
        {
            Assert.True(emulator.Inject(fault));

            var data = await agent.WaitForStatusAsync(client, device, d => d.GetProperty("state").GetString() == state, fault);
            Assert.Equal(value, data.GetProperty(field).ToString());
            if (state is "Error" or "Offline")
            {
                var error = data.GetProperty("errors")[0];
                Assert.Contains(error.GetProperty("action").GetString(), new[] { "reset", "clear", "maintenance" });
            }

            using var kiosk = await client.GetAsync($"{EmulatedKioskAgent.Kiosk}/status");
            Assert.Equal(state, (await kiosk.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty(DeviceNames.StatusKey(KindOf(device))).GetString());
        }
        finally
        {
            emulator.Inject(repair);
        }

        await agent.WaitForStatusAsync(client, device, d => d.GetProperty("state").GetString() is "Online" or "Ready", $"recovered from {fault}");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Restart_power_cycles_the_device_once_and_answers_completed(string device, string statusKey, string protocol, int channel)
    {
        _ = protocol;
        using var reader = agent.ClientFor(AgentFactory.Reader);
        await agent.WaitForStatusAsync(reader, device, d => d.GetProperty("state").GetString() is "Online" or "Ready", "answering");
        var relay = agent.Hardware.Relay(AgentFactory.KioskId)!;
        var cyclesBefore = relay.PowerCycles(channel);

        using var response = await agent.ClientFor(AgentFactory.Maintainer).PostAsync($"{EmulatedKioskAgent.Kiosk}/{device}/restart", null);
        var data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal("completed", data.GetProperty("result").GetString());
        Assert.Equal("power_cycle", data.GetProperty("method").GetString());
        Assert.Equal(statusKey, data.GetProperty("device").GetString());
        Assert.True(data.GetProperty("state").GetString() is "Online" or "Ready" or "Warning");
        Assert.True(Guid.TryParse(data.GetProperty("operation_id").GetString(), out _));
        Assert.True(data.GetProperty("duration_ms").GetInt64() >= 190, "off time + boot time (100 + 100 ms, timers may fire a little early) must have elapsed");
        Assert.Equal(cyclesBefore + 1, relay.PowerCycles(channel));
    }

    private static DeviceKind KindOf(string routeSegment) =>
        DeviceNames.TryParseRouteSegment(routeSegment, out var kind) ? kind : throw new ArgumentException(routeSegment);
}
