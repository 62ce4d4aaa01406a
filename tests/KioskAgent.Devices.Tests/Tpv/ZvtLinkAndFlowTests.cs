using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv.Zvt;
using Nerdbank.Streams;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>
/// The driver's link layer and command flow against a scripted terminal: the bytes the terminal sends are written
/// up front, and the bytes the driver sends are read back and checked.
/// </summary>
public sealed class ZvtLinkAndFlowTests : IAsyncDisposable
{
    private static readonly ZvtOptions Options = new()
    {
        AckTimeout = TimeSpan.FromSeconds(1), AcceptTimeout = TimeSpan.FromSeconds(1), CompletionTimeout = TimeSpan.FromSeconds(1.5), MaxRetransmissions = 2,
    };

    private readonly Stream _terminal;
    private readonly LinkSession _session;
    private readonly ZvtLinkLayer _link;

    public ZvtLinkAndFlowTests()
    {
        var (agent, terminal) = FullDuplexStream.CreatePair();
        _terminal = terminal;
        _session = new LinkSession(agent, "scripted terminal", TimeProvider.System);
        _link = new ZvtLinkLayer(_session, Options);
    }

    private static string Frame(string apdu) => Hex.Of(ZvtFrame.Encode(Hex.Bytes(apdu), ZvtFraming.Default));

    private static readonly string EnquiryFrame = Frame("05 01 00");
    private static readonly string AckFrame = Frame("80 00 00");

    [Fact]
    public async Task A_nak_makes_the_driver_repeat_the_frame_until_ack()
    {
        await Terminal("15 15 06");

        await _link.SendAsync(ZvtCommands.StatusEnquiry(null), "Status-Enquiry", CancellationToken.None);

        Assert.Equal(EnquiryFrame + EnquiryFrame + EnquiryFrame, await DriverSentAsync(3 * 9));
    }

    [Fact]
    public async Task Naks_beyond_the_limit_are_nak_limit()
    {
        await Terminal("15 15 15");

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => _link.SendAsync(ZvtCommands.StatusEnquiry(null), "Status-Enquiry", CancellationToken.None));

        Assert.Equal("nak_limit", fault.Code);
        Assert.Equal(EnquiryFrame + EnquiryFrame + EnquiryFrame, await DriverSentAsync(3 * 9));
    }

    [Fact]
    public async Task No_ack_is_no_answer_and_the_frame_is_not_repeated()
    {
        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => _link.SendAsync(ZvtCommands.StatusEnquiry(null), "Status-Enquiry", CancellationToken.None));

        Assert.Equal("no_answer", fault.Code);
        Assert.Equal(EnquiryFrame, await DriverSentAsync(9));
    }

    [Fact]
    public async Task A_frame_where_the_ack_belongs_is_a_protocol_error()
    {
        await Terminal(AckFrame);

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => _link.SendAsync(ZvtCommands.StatusEnquiry(null), "Status-Enquiry", CancellationToken.None));

        Assert.Equal("protocol_error", fault.Code);
    }

    [Fact]
    public async Task A_corrupt_frame_is_naked_and_its_repetition_acked()
    {
        await Terminal("10 02 80 00 00 10 03 F5 1E" + AckFrame);

        var apdu = await _link.ReceiveAsync("80 00 00", Options.AcceptTimeout, CancellationToken.None);

        Assert.True(apdu.IsPositiveAcknowledgement);
        Assert.Equal("1506", await DriverSentAsync(2));
    }

    [Fact]
    public async Task Corrupt_frames_beyond_the_limit_are_crc_error()
    {
        await Terminal(string.Concat(Enumerable.Repeat("10 02 80 00 00 10 03 F5 1E", 3)));

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => _link.ReceiveAsync("80 00 00", Options.AcceptTimeout, CancellationToken.None));

        Assert.Equal("crc_error", fault.Code);
        Assert.Equal("151515", await DriverSentAsync(3));
    }

    [Fact]
    public async Task An_intact_frame_with_a_malformed_apdu_is_acked_then_a_protocol_error()
    {
        await Terminal(Frame("80 00 05 01"));

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => _link.ReceiveAsync("80 00 00", Options.AcceptTimeout, CancellationToken.None));

        Assert.Equal("protocol_error", fault.Code);
        Assert.Equal("06", await DriverSentAsync(1));
    }

    [Fact]
    public async Task Stray_acks_and_naks_before_a_frame_are_ignored()
    {
        await Terminal("06 15 06" + AckFrame);

        Assert.True((await _link.ReceiveAsync("80 00 00", Options.AcceptTimeout, CancellationToken.None)).IsPositiveAcknowledgement);
    }

    [Fact]
    public async Task The_whole_flow_acknowledges_every_terminal_message()
    {
        var exchange = Run();
        await Terminal("06" + AckFrame + Frame("04 FF 01 0E") + "06" + Frame("06 D1 03 00 4F 4B") + "06"
            + Frame("04 0F 02 27 6C") + "06" + Frame("06 0F 01 00") + "06");

        var result = await exchange;

        Assert.Equal(ZvtExchangeEnd.Completed, result.End);
        Assert.Equal([(byte)0x0E], result.IntermediateStatuses);
        Assert.Equal((byte)0x6C, result.ResultCode);
        Assert.Equal(EnquiryFrame + "06" + string.Concat(Enumerable.Repeat("06" + AckFrame, 4)), await DriverSentAsync(9 + 1 + (4 * 10)));
    }

    [Fact]
    public async Task A_refusal_ends_the_exchange_with_its_code()
    {
        var exchange = Run();
        await Terminal("06" + Frame("84 9C 00"));

        var result = await exchange;

        Assert.Equal(ZvtExchangeEnd.Refused, result.End);
        Assert.Equal(0x9C, result.Code);
    }

    [Fact]
    public async Task An_abort_ends_the_exchange_with_its_error()
    {
        var exchange = Run();
        await Terminal("06" + AckFrame + Frame("06 1E 01 E2") + "06");

        var result = await exchange;

        Assert.Equal(ZvtExchangeEnd.Aborted, result.End);
        Assert.Equal(0xE2, result.Code);
    }

    [Fact]
    public async Task No_80_00_00_within_the_accept_timeout_is_no_answer()
    {
        var exchange = Run();
        await Terminal("06");

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => exchange);

        Assert.Equal("no_answer", fault.Code);
        Assert.Contains("80 00 00", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_completion_within_the_completion_timeout_is_no_answer()
    {
        var exchange = Run();
        await Terminal("06" + AckFrame);

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => exchange);

        Assert.Equal("no_answer", fault.Code);
        Assert.Contains("Completion", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("06 0F 01 00")] // a Completion where 80 00 00 belongs
    [InlineData("06 01 00")] // a payment command from the terminal
    public async Task An_unexpected_apdu_instead_of_the_acceptance_is_unexpected_apdu(string apdu)
    {
        var exchange = Run();
        await Terminal("06" + Frame(apdu));

        Assert.Equal("unexpected_apdu", (await Assert.ThrowsAsync<DeviceFaultException>(() => exchange)).Code);
    }

    [Theory]
    [InlineData("05 01 00")] // a command in the middle of the flow
    [InlineData("06 1E 00")] // an abort without its error code
    public async Task An_unexpected_apdu_during_the_flow_is_unexpected_apdu(string apdu)
    {
        var exchange = Run();
        await Terminal("06" + AckFrame + Frame(apdu));

        Assert.Equal("unexpected_apdu", (await Assert.ThrowsAsync<DeviceFaultException>(() => exchange)).Code);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _terminal.DisposeAsync();
    }

    private Task<ZvtExchangeResult> Run() =>
        ZvtExchange.RunAsync(_link, ZvtCommands.StatusEnquiry(null), "Status-Enquiry", expectsCompletion: true, Options, TimeProvider.System, CancellationToken.None);

    private async Task Terminal(string hex)
    {
        await _terminal.WriteAsync(Hex.Bytes(hex));
        await _terminal.FlushAsync();
    }

    /// <summary>Reads exactly what the driver sent (waiting at most 2 s for it), as hex.</summary>
    private async Task<string> DriverSentAsync(int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _terminal.ReadExactlyAsync(buffer, timeout.Token);
        return Hex.Of(buffer);
    }
}
