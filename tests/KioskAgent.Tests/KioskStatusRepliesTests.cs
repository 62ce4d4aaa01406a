using System.Text.Json;
using KioskAgent.Api;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Envelope;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests;

/// <summary>The kiosk status served from a rendering kept per kiosk: it follows every change of a state word at once.</summary>
public sealed class KioskStatusRepliesTests
{
    private const string Kiosk = "k1";

    [Fact]
    public void RenderingFollowsADeviceStateChangeAndIsReusedOtherwise()
    {
        var printer = new DeviceSlot(Kiosk, DeviceKind.Printer, new DeviceSnapshot { Kind = DeviceKind.Printer, Health = DeviceHealth.Healthy });
        var registry = new DeviceRegistry([new KioskDevices(Kiosk, [printer])]);
        var replies = new KioskStatusReplies(registry, Json());

        var first = replies.Current(Kiosk);
        Assert.Equal("Online", Data(first.Json).GetProperty("printer").GetString());
        Assert.Equal("Disabled", Data(first.Json).GetProperty("bill_reader").GetString());

        // A new snapshot with the same state word (a routine poll) keeps the rendering.
        printer.Publish(new DeviceSnapshot { Kind = DeviceKind.Printer, Health = DeviceHealth.Healthy, ObservedAt = DateTimeOffset.UtcNow });
        Assert.True(first.Json.Span.SequenceEqual(replies.Current(Kiosk).Json.Span));

        printer.Publish(new DeviceSnapshot { Kind = DeviceKind.Printer, Health = DeviceHealth.Error });
        var second = replies.Current(Kiosk);
        Assert.Equal("Error", second.Status.Printer);
        Assert.Equal("Error", Data(second.Json).GetProperty("printer").GetString());

        printer.Publish(new DeviceSnapshot { Kind = DeviceKind.Printer, Health = DeviceHealth.Healthy });
        Assert.Equal("Online", Data(replies.Current(Kiosk).Json).GetProperty("printer").GetString());
    }

    [Fact]
    public void RenderingIsWhatTheSerializerWritesForTheStatus()
    {
        var registry = new DeviceRegistry([new KioskDevices(Kiosk, [])]);
        var (status, json) = new KioskStatusReplies(registry, Json()).Current(Kiosk);

        Assert.Equal(JsonSerializer.Serialize(status, Json().Value.SerializerOptions), System.Text.Encoding.UTF8.GetString(json.Span));
        Assert.Equal("""{"cpu":"Disabled","printer":"Disabled","dispenser":"Disabled","tpv":"Disabled","scanner":"Disabled","bill_reader":"Disabled"}""",
            System.Text.Encoding.UTF8.GetString(json.Span));
    }

    private static IOptions<JsonOptions> Json()
    {
        var options = new JsonOptions();
        EnvelopeErrorHandling.ConfigureJson(options.SerializerOptions);
        return Options.Create(options);
    }

    private static JsonElement Data(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json).RootElement.Clone();
}
