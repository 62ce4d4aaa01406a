using System.Text.Json;
using KioskAgent.Devices.Printer;

namespace KioskAgent.Devices.Tests.Runtime;

public sealed class SnapshotJsonTests
{
    [Fact]
    public void A_derived_snapshot_serializes_flat_with_its_state_word_and_without_internals()
    {
        var snapshot = new PrinterSnapshot
        {
            Kind = DeviceKind.Printer,
            Health = DeviceHealth.Warning,
            Paper = PaperLevel.NearEnd,
            Errors = [new DeviceError("paper_near_end", "Replace soon.", RecoveryAction.Clear)],
        };

        var json = JsonSerializer.Serialize<object>(snapshot, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("Warning", root.GetProperty("state").GetString());
        Assert.Equal("near_end", root.GetProperty("paper").GetString());
        Assert.Equal("clear", root.GetProperty("errors")[0].GetProperty("action").GetString());
        Assert.Equal("disconnected", root.GetProperty("connection").GetProperty("status").GetString());
        Assert.False(root.TryGetProperty("kind", out _));
        Assert.False(root.TryGetProperty("health", out _));
        Assert.Equal("state", root.EnumerateObject().First().Name);
    }
}
