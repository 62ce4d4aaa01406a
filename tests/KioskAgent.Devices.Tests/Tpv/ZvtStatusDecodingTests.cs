using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>From the terminal's words (Completion, 84 xx, 06 1E xx) to the contract's tpv detail.</summary>
public sealed class ZvtStatusDecodingTests
{
    [Fact]
    public void Status_report_round_trips_through_the_completion()
    {
        var report = new ZvtStatusReport("GT-4.2.1", 0x51, "52001234");
        var completion = report.ToCompletion();

        Assert.Equal("060F" + "10" + "F0F8" + Hex.Of("GT-4.2.1"u8) + "51" + "2952001234", Hex.Of(completion.Encode()));
        Assert.True(ZvtStatusReport.TryDecode(completion.Data, out var decoded, out _));
        Assert.Equal(report, decoded);
    }

    [Theory]
    [InlineData("", null, "00", null)]
    [InlineData("00", null, "00", null)]
    [InlineData("DF", null, "DF", null)]
    [InlineData("F0 29 12 34 56 78", null, "F0", "12345678")]
    [InlineData("F0 F2 41 42 9C", "AB", "9C", null)]
    [InlineData("F0 F0 00 29 00 00 00 01 06 01 00", "", "00", "00000001")]
    public void Optional_parts_of_the_completion_are_read_when_present(string hex, string? version, string status, string? tid)
    {
        Assert.True(ZvtStatusReport.TryDecode(Hex.Bytes(hex), out var report, out _));

        Assert.Equal(version, report.SoftwareVersion);
        Assert.Equal(Convert.ToByte(status, 16), report.TerminalStatus);
        Assert.Equal(tid, report.TerminalId);
    }

    [Theory]
    [InlineData("F0 F5 41 42", "software version")]
    [InlineData("00 29 12 34", "terminal id")]
    public void A_cut_short_completion_is_refused(string hex, string reason)
    {
        Assert.False(ZvtStatusReport.TryDecode(Hex.Bytes(hex), out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_00_is_ready_with_the_terminal_s_words()
    {
        var snapshot = Completed(0x00).ToSnapshot(null);

        Assert.Equal("Ready", snapshot.State);
        Assert.Equal("PT ready", snapshot.TerminalStatus);
        Assert.Equal("00", snapshot.TerminalStatusCode);
        Assert.Equal("52001234", snapshot.TerminalId);
        Assert.Empty(snapshot.Errors);
        Assert.False(snapshot.Busy || snapshot.NeedsInitialisation || snapshot.NeedsRegistration);
    }

    [Theory]
    [InlineData(0x9C, "Busy", null, null)]
    [InlineData(0x51, "Error", "initialisation_required", RecoveryAction.Maintenance)]
    [InlineData(0xDF, "Error", "out_of_order", RecoveryAction.Maintenance)]
    [InlineData(0xCC, "Warning", "printer_not_ready", RecoveryAction.Clear)]
    [InlineData(0xE2, "Error", "card_reader_defective", RecoveryAction.Maintenance)]
    [InlineData(0x42, "Error", "network_operator_error", RecoveryAction.Reset)]
    [InlineData(0xA7, "Error", "terminal_error", RecoveryAction.Reset)]
    public void Each_terminal_status_has_its_state_error_and_action(byte status, string state, string? code, RecoveryAction? action)
    {
        var snapshot = Completed(status).ToSnapshot(null);

        Assert.Equal(state, snapshot.State);
        Assert.Equal(ZvtCodes.Hex(status), snapshot.TerminalStatusCode);
        Assert.Equal(code is null ? null : ZvtCodes.Hex(status), snapshot.LastErrorCode);
        if (code is null)
        {
            Assert.Empty(snapshot.Errors);
            Assert.True(snapshot.Busy);
        }
        else
        {
            var error = Assert.Single(snapshot.Errors);
            Assert.Equal(code, error.Code);
            Assert.Equal(action, error.Action);
        }

        Assert.Equal(status == 0x51, snapshot.NeedsInitialisation);
    }

    [Theory]
    [InlineData(ZvtExchangeEnd.Refused, 0x6B, true, "Error", RecoveryAction.Reset)]
    [InlineData(ZvtExchangeEnd.Refused, 0x6B, false, "Error", RecoveryAction.Maintenance)]
    [InlineData(ZvtExchangeEnd.Aborted, 0x6B, true, "Error", RecoveryAction.Reset)]
    public void Error_6B_means_the_terminal_needs_registration(ZvtExchangeEnd end, byte code, bool registerOnConnect, string state, RecoveryAction action)
    {
        var snapshot = ZvtStatusDecoder.Decode(new(end, code, null, null, []), registerOnConnect).ToSnapshot(null);

        Assert.Equal(state, snapshot.State);
        Assert.True(snapshot.NeedsRegistration);
        Assert.Equal("6B", snapshot.LastErrorCode);
        Assert.Equal("Function deactivated: PT not registered", snapshot.LastErrorText);
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("not_registered", error.Code);
        Assert.Equal(action, error.Action);
    }

    [Theory]
    [InlineData(0x9C)]
    [InlineData(0xA0)]
    public void A_refusal_because_the_terminal_is_occupied_is_busy_not_an_error(byte code)
    {
        var snapshot = ZvtStatusDecoder.Decode(new(ZvtExchangeEnd.Refused, code, null, null, []), true).ToSnapshot(null);

        Assert.Equal("Busy", snapshot.State);
        Assert.True(snapshot.Busy);
        Assert.Empty(snapshot.Errors);
    }

    [Fact]
    public void The_last_error_stays_after_the_terminal_is_ready_again()
    {
        var earlier = ZvtCodes.Fault(0xE2, true);

        var snapshot = Completed(0x00).ToSnapshot(earlier);

        Assert.Equal("Ready", snapshot.State);
        Assert.Empty(snapshot.Errors);
        Assert.Equal("E2", snapshot.LastErrorCode);
    }

    [Fact]
    public void A_completion_that_cannot_be_read_is_a_protocol_fault()
    {
        var bad = new ZvtApdu(ZvtControlField.Completion, Hex.Bytes("F0 F9 41"));

        var fault = Assert.Throws<DeviceFaultException>(() => ZvtStatusDecoder.FromCompletion(bad, true));
        Assert.Equal("protocol_error", fault.Code);
    }

    [Fact]
    public void Options_name_the_bad_key()
    {
        var options = new ZvtOptions { PollInterval = TimeSpan.FromSeconds(0.05), Password = "12", MaxRetransmissions = -1, AcceptTimeout = TimeSpan.FromSeconds(0), CurrencyCode = 0, QuickProbeTimeout = TimeSpan.FromSeconds(9) };

        var problems = options.Validate("Kiosks:0:Tpv:Zvt").ToList();

        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Tpv:Zvt:PollInterval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Tpv:Zvt:Password", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Tpv:Zvt:MaxRetransmissions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AcceptTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Tpv:Zvt:CurrencyCode", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Tpv:Zvt:QuickProbeTimeout", StringComparison.Ordinal));
        Assert.Empty(new ZvtOptions().Validate("x"));
        Assert.Empty(new ZvtOptions { QuickProbeTimeout = null }.Validate("x"));
    }

    private static TpvCondition Completed(byte status) =>
        ZvtStatusDecoder.FromCompletion(new ZvtStatusReport("V1", status, "52001234").ToCompletion(), restartRegisters: true);
}
