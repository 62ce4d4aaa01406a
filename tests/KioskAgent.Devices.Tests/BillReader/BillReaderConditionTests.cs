using KioskAgent.Devices.BillReader;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>POLL event decoding, the condition built from events, identity replies and options.</summary>
public sealed class BillReaderConditionTests
{
    [Fact]
    public void Poll_events_decode_with_their_channel_bytes()
    {
        var reply = SspPollReply.Decode(Hex.Bytes("F1 E8 EF 03 EE 03 CC EB E6 00 E1 02 E2 01 B6"));

        Assert.Null(reply.UnknownCode);
        Assert.False(reply.Truncated);
        Assert.Equal(
            [
                new(SspEvent.SlaveReset), new(SspEvent.Disabled), new(SspEvent.Read, 3), new(SspEvent.Credit, 3),
                new(SspEvent.Stacking), new(SspEvent.Stacked), new(SspEvent.FraudAttempt, 0),
                new(SspEvent.NoteClearedFromFront, 2), new(SspEvent.NoteClearedIntoCashbox, 1), new SspPollEvent(SspEvent.Initialising),
            ],
            reply.Events);
    }

    [Fact]
    public void An_unknown_event_stops_decoding_and_a_missing_channel_is_truncation()
    {
        var unknown = SspPollReply.Decode(Hex.Bytes("E8 99 E7"));
        Assert.Equal((byte?)0x99, unknown.UnknownCode);
        Assert.Equal([new SspPollEvent(SspEvent.Disabled)], unknown.Events);

        Assert.True(SspPollReply.Decode(Hex.Bytes("E8 EE")).Truncated);
    }

    [Fact]
    public void A_disabled_reader_is_ready_and_inhibited()
    {
        var snapshot = Apply("E8");

        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Equal("Ready", snapshot.State);
        Assert.True(snapshot.Inhibited);
        Assert.Equal(CashboxState.Ok, snapshot.Cashbox);
        Assert.Empty(snapshot.Errors);
    }

    [Theory]
    [InlineData("E7", "cashbox_full", RecoveryAction.Clear, DeviceHealth.Error)]
    [InlineData("E3", "cashbox_removed", RecoveryAction.Clear, DeviceHealth.Error)]
    [InlineData("EA", "safe_jam", RecoveryAction.Clear, DeviceHealth.Error)]
    [InlineData("E9", "unsafe_jam", RecoveryAction.Reset, DeviceHealth.Error)]
    [InlineData("E6 00", "fraud_attempt", RecoveryAction.Reset, DeviceHealth.Warning)]
    public void Each_condition_has_its_error_action_and_health(string events, string code, RecoveryAction action, DeviceHealth health)
    {
        var snapshot = Apply("E8", events, "E8", "E8"); // later polls without the event: the state persists

        Assert.Equal(health, snapshot.Health);
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(action, error.Action);
    }

    [Fact]
    public void A_removed_cash_box_stays_removed_until_replaced_and_a_replaced_box_is_empty()
    {
        var condition = new BillReaderCondition();
        Poll(condition, "E7");
        Poll(condition, "E3");
        Poll(condition, "E8 F1 E8"); // even a reset does not bring the box back
        Assert.Equal(CashboxState.Removed, condition.Cashbox);

        Poll(condition, "E4 E8");
        Assert.Equal(CashboxState.Ok, condition.Cashbox);
        Assert.Equal(DeviceHealth.Healthy, condition.ToSnapshot(SspIdentityInfo.Unknown).Health);
    }

    [Theory]
    [InlineData("EA", "E2 00")]
    [InlineData("E9", "E1 00")]
    [InlineData("EA", "F1")]
    [InlineData("E9", "F1 E8")]
    public void A_jam_clears_when_the_note_is_cleared_or_the_reader_resets(string jam, string clearing)
    {
        var condition = new BillReaderCondition();
        Poll(condition, jam);
        Poll(condition, "E8");
        Assert.NotEqual(NoteJam.None, condition.Jam);

        Poll(condition, clearing);
        Assert.Equal(NoteJam.None, condition.Jam);
    }

    [Fact]
    public void A_reset_clears_fraud_but_a_jam_reported_after_it_in_the_same_poll_stays()
    {
        var condition = new BillReaderCondition();
        Poll(condition, "E6 01");
        Poll(condition, "F1 EA E8");

        Assert.False(condition.FraudAttempt);
        Assert.Equal(NoteJam.Safe, condition.Jam);
        Assert.True(condition.ToSnapshot(SspIdentityInfo.Unknown).ResetAfterPowerUp);
        condition.StartConnection();
        Assert.False(condition.ToSnapshot(SspIdentityInfo.Unknown).ResetAfterPowerUp);
        Assert.Equal(NoteJam.Safe, condition.Jam); // a reconnect forgets nothing the reader reported
    }

    [Fact]
    public void A_note_in_the_path_is_busy_and_its_credit_is_remembered()
    {
        var condition = new BillReaderCondition();
        Poll(condition, "EF 00");
        Assert.Equal(DeviceHealth.Busy, condition.ToSnapshot(SspIdentityInfo.Unknown).Health);
        Poll(condition, "EF 02");
        Poll(condition, "EE 02 CC");
        Assert.Equal("Busy", condition.ToSnapshot(SspIdentityInfo.Unknown).State);
        Poll(condition, "EB");

        var snapshot = condition.ToSnapshot(SspIdentityInfo.Unknown);
        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.False(snapshot.NoteInPath);
        Assert.Equal(2, snapshot.LastCreditChannel);
    }

    [Fact]
    public void Initialising_is_busy_while_reported()
    {
        var condition = new BillReaderCondition();
        Poll(condition, "B6");
        Assert.True(condition.ToSnapshot(SspIdentityInfo.Unknown).Initialising);
        Assert.Equal(DeviceHealth.Busy, condition.ToSnapshot(SspIdentityInfo.Unknown).Health);
        Poll(condition, "E8");
        Assert.Equal(DeviceHealth.Healthy, condition.ToSnapshot(SspIdentityInfo.Unknown).Health);
    }

    [Theory]
    [InlineData(SspReply.CannotProcessNow, DeviceHealth.Busy, null)]
    [InlineData(SspReply.SoftwareError, DeviceHealth.Error, "software_error")]
    [InlineData(SspReply.Fail, DeviceHealth.Error, "command_failed")]
    public void A_refused_poll_describes_that_poll_only(SspReply refusal, DeviceHealth health, string? code)
    {
        var condition = new BillReaderCondition();
        Poll(condition, "E8");

        var refused = condition.ToSnapshot(SspIdentityInfo.Unknown, refusal);
        Assert.Equal(health, refused.Health);
        Assert.Equal(code, refused.Errors.SingleOrDefault()?.Code);
        Assert.Equal(DeviceHealth.Healthy, condition.ToSnapshot(SspIdentityInfo.Unknown).Health);
    }

    [Fact]
    public void Setup_serial_and_firmware_replies_round_trip()
    {
        var setup = new BillReaderSetup(0, "EUR", [5, 10, 20, 50], 6);
        var bytes = SspIdentity.EncodeSetup(setup, "0200", 1);

        Assert.True(SspIdentity.TryDecodeSetup(bytes, out var decoded, out var firmware));
        Assert.Equal("0200", firmware);
        Assert.Equal(setup.CountryCode, decoded.CountryCode);
        Assert.Equal(setup.ChannelValues, decoded.ChannelValues);
        Assert.Equal(6, decoded.ProtocolVersion);
        Assert.False(SspIdentity.TryDecodeSetup(bytes[..^1], out _, out _));

        Assert.True(SspIdentity.TryDecodeSerialNumber(SspIdentity.EncodeSerialNumber(0x01020304), out var serial));
        Assert.Equal("16909060", serial);
        Assert.False(SspIdentity.TryDecodeSerialNumber(Hex.Bytes("01 02 03"), out _));

        Assert.True(SspIdentity.TryDecodeFirmware("NV02004141498000\0"u8, out var text));
        Assert.Equal("NV02004141498000", text);
        Assert.False(SspIdentity.TryDecodeFirmware(Hex.Bytes("4E 01"), out _));
    }

    [Fact]
    public void Options_name_the_bad_key()
    {
        Assert.Empty(new SspOptions().Validate("BillReader:Ssp"));
        var bad = new SspOptions { PollInterval = TimeSpan.FromMilliseconds(50), ReplyTimeout = TimeSpan.Zero, Retries = -1, Address = 0x7F };

        var messages = bad.Validate("BillReader:Ssp").ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("BillReader:Ssp:PollInterval", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("BillReader:Ssp:ReplyTimeout", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("BillReader:Ssp:Retries", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("BillReader:Ssp:Address", StringComparison.Ordinal));
    }

    private static BillReaderSnapshot Apply(params string[] polls)
    {
        var condition = new BillReaderCondition();
        foreach (var poll in polls)
        {
            Poll(condition, poll);
        }

        return condition.ToSnapshot(SspIdentityInfo.Unknown);
    }

    private static void Poll(BillReaderCondition condition, string events) =>
        condition.Apply(SspPollReply.Decode(Hex.Bytes(events)).Events);
}
