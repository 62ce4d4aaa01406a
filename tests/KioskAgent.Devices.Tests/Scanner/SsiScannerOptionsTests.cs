using KioskAgent.Devices.Scanner;
using KioskAgent.Devices.Scanner.Ssi;

namespace KioskAgent.Devices.Tests.Scanner;

public sealed class SsiScannerOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new SsiOptions().Validate("Kiosks:0:Scanner:Ssi"));

    [Fact]
    public void A_probe_longer_than_the_poll_interval_is_refused_naming_the_key()
    {
        var options = new SsiOptions { PollInterval = TimeSpan.FromMilliseconds(500), ReplyTimeout = TimeSpan.FromMilliseconds(300), Retries = 1 };

        var message = Assert.Single(options.Validate("Kiosks:0:Scanner:Ssi"));
        Assert.StartsWith("Kiosks:0:Scanner:Ssi:ReplyTimeout", message, StringComparison.Ordinal);
        Assert.Contains("two poll intervals", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 5, 1, 0, "PollInterval")]
    [InlineData(1000, 5, 300, 0, "ScanPollInterval")]
    [InlineData(1000, 50, 0, 0, "ReplyTimeout")]
    [InlineData(1000, 50, 100, 9, "Retries")]
    public void Each_bad_value_names_its_key(int pollMs, int scanPollMs, int replyMs, int retries, string key)
    {
        var options = new SsiOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(pollMs),
            ScanPollInterval = TimeSpan.FromMilliseconds(scanPollMs),
            ReplyTimeout = TimeSpan.FromMilliseconds(replyMs),
            Retries = retries,
        };

        Assert.Contains(options.Validate("S"), m => m.StartsWith($"S:{key} ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_nak_cause_is_an_error_that_a_restart_may_clear()
    {
        var snapshot = new SsiScannerStatus(null, ProbeNakCause: 0x0A, DisableRefused: null, ScanEnabled: false, LastRefusal: ScannerRefusal.Other).ToSnapshot();

        var error = Assert.Single(snapshot.Errors);
        Assert.Equal(("command_refused", RecoveryAction.Reset), (error.Code, error.Action));
        Assert.Contains("0x0A", error.Message, StringComparison.Ordinal);
        Assert.Equal("Error", snapshot.State);
        Assert.Null(snapshot.Revision);
    }

    [Fact]
    public void The_snapshot_serialises_with_the_contract_names()
    {
        var snapshot = new SsiScannerStatus(SsiRevision.Parse("R04 D0"u8), null, null, ScanEnabled: false, LastRefusal: ScannerRefusal.BadContext).ToSnapshot();
        var options = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

        var json = System.Text.Json.JsonSerializer.Serialize(snapshot, options);

        Assert.Contains("\"state\":\"Online\"", json, StringComparison.Ordinal);
        Assert.Contains("\"firmware\":\"R04\"", json, StringComparison.Ordinal);
        Assert.Contains("\"scan_enabled\":false", json, StringComparison.Ordinal);
        Assert.Contains("\"last_nak_reason\":\"bad_context\"", json, StringComparison.Ordinal);
    }
}
