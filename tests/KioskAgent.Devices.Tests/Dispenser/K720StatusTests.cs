using KioskAgent.Devices.Dispenser;
using KioskAgent.Devices.Dispenser.K720;

namespace KioskAgent.Devices.Tests.Dispenser;

public sealed class K720StatusTests
{
    private static DispenserSnapshot Decode(string text, K720SensorMap? sensors = null)
    {
        Assert.True(K720Status.TryDecode(text, out var status), text);
        return status.ToSnapshot(sensors ?? new K720SensorMap());
    }

    [Fact]
    public void All_clear_is_a_healthy_dispenser_with_no_card_in_the_path()
    {
        var snapshot = Decode("SF0000");

        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Equal("Online", snapshot.State);
        Assert.Equal(HopperLevel.Ok, snapshot.Hopper);
        Assert.Equal(CardPosition.None, snapshot.CardPosition);
        Assert.Empty(snapshot.Errors);
        Assert.Empty(snapshot.SensorsCovered);
    }

    [Theory]
    [InlineData("SF0010", "hopper_low", DeviceHealth.Warning, RecoveryAction.Clear)]
    [InlineData("SF0008", "hopper_empty", DeviceHealth.Error, RecoveryAction.Clear)]
    [InlineData("SF0020", "card_jam", DeviceHealth.Error, RecoveryAction.Clear)]
    [InlineData("SF0040", "card_overlap", DeviceHealth.Error, RecoveryAction.Clear)]
    [InlineData("SF8000", "reject_bin_full", DeviceHealth.Error, RecoveryAction.Clear)]
    [InlineData("SF4000", "cannot_execute", DeviceHealth.Error, RecoveryAction.Reset)]
    [InlineData("SF2000", "prepare_card_failed", DeviceHealth.Error, RecoveryAction.Reset)]
    [InlineData("SF0200", "dispense_error", DeviceHealth.Error, RecoveryAction.Reset)]
    [InlineData("SF0100", "capture_error", DeviceHealth.Error, RecoveryAction.Reset)]
    public void Each_flag_has_its_error_health_and_action(string text, string code, DeviceHealth health, RecoveryAction action)
    {
        var snapshot = Decode(text);

        Assert.Equal(health, snapshot.Health);
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(action, error.Action);
    }

    [Fact]
    public void The_detail_fields_follow_the_flags()
    {
        // s1 '8' reject bin full, s2 '3' dispense + capture error, s3 '6' overlap + jam, s4 '9' empty + sensor 1
        var snapshot = Decode("SF8369");

        Assert.True(snapshot.RejectBinFull);
        Assert.True(snapshot.DispenseError);
        Assert.True(snapshot.CaptureError);
        Assert.True(snapshot.Overlap);
        Assert.True(snapshot.Jam);
        Assert.Equal(HopperLevel.Empty, snapshot.Hopper);
        Assert.Equal(CardPosition.Gate, snapshot.CardPosition);
        Assert.Equal([1], snapshot.SensorsCovered);
        Assert.Equal(DeviceHealth.Error, snapshot.Health);
    }

    [Fact]
    public void Empty_outranks_low()
    {
        var snapshot = Decode("SF0018"); // pre-empty and empty both set

        Assert.Equal(HopperLevel.Empty, snapshot.Hopper);
        Assert.Equal("hopper_empty", Assert.Single(snapshot.Errors).Code);
    }

    [Theory]
    [InlineData("SF8000")] // reject bin full outranks a low hopper: Error, not Warning
    [InlineData("SF0200")]
    public void Any_error_with_a_low_hopper_is_still_an_error(string text)
    {
        var withLow = text[..4] + (char)(text[4] | 1) + text[5];

        Assert.Equal(DeviceHealth.Error, Decode(withLow).Health);
    }

    [Theory]
    [InlineData("SF1000")] // preparing a card
    [InlineData("SF0800")] // dispensing
    [InlineData("SF0400")] // capturing
    public void Motion_in_progress_is_busy_which_reads_online(string text)
    {
        var snapshot = Decode(text);

        Assert.Equal(DeviceHealth.Busy, snapshot.Health);
        Assert.Equal("Online", snapshot.State);
        Assert.Empty(snapshot.Errors);
    }

    [Theory]
    [InlineData("SF0001", CardPosition.Gate)]
    [InlineData("SF0002", CardPosition.ReadPosition)]
    [InlineData("SF0004", CardPosition.Transport)]
    [InlineData("SF0003", CardPosition.Transport)] // straddling the gate and read sensors
    [InlineData("SF0000", CardPosition.None)]
    public void Default_sensor_mapping(string text, CardPosition position) =>
        Assert.Equal(position, Decode(text).CardPosition);

    [Fact]
    public void The_sensor_mapping_is_configuration()
    {
        var reversed = new K720SensorMap { Sensor1 = CardPosition.ReadPosition, Sensor2 = CardPosition.ReadPosition, Sensor3 = CardPosition.Gate };

        Assert.Equal(CardPosition.Gate, Decode("SF0004", reversed).CardPosition);
        Assert.Equal(CardPosition.ReadPosition, Decode("SF0003", reversed).CardPosition); // two sensors, one position
        var ignoring3 = new K720SensorMap { Sensor3 = CardPosition.None };
        Assert.Equal(CardPosition.None, Decode("SF0004", ignoring3).CardPosition);
        Assert.Equal([3], Decode("SF0004", ignoring3).SensorsCovered); // the raw sensor is still shown
    }

    [Theory]
    [InlineData("SF000")]   // too short
    [InlineData("SF00000")] // too long
    [InlineData("SX0000")]  // not a status reply
    [InlineData("SF00@0")]  // a status byte outside 0x30..0x3F
    [InlineData("")]
    public void Replies_that_are_not_status_are_refused(string text) =>
        Assert.False(K720Status.TryDecode(text, out _));

    [Fact]
    public void Options_name_the_bad_key()
    {
        var options = new K720Options
        {
            Address = 100,
            StatusCheckGap = TimeSpan.FromMilliseconds(150),
            Retries = -1,
            Sensors = new K720SensorMap { Sensor2 = CardPosition.Unknown },
        };

        var problems = options.Validate("Kiosks:0:Dispenser:K720").ToList();

        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Dispenser:K720:Address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Dispenser:K720:StatusCheckGap", StringComparison.Ordinal) && p.Contains("200 ms"));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Dispenser:K720:Retries", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Dispenser:K720:Sensors:Sensor2", StringComparison.Ordinal));
        Assert.Empty(new K720Options().Validate("x"));
    }
}
