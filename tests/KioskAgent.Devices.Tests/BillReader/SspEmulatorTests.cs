using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.BillReader;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>The emulated validator as any SSP host sees it: raw packets in, raw packets out.</summary>
public sealed class SspEmulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("7F 80 01 11 65 82", "7F 80 01 F0 23 80")] // SYNC flag 1: ITL's example reply
    [InlineData("7F 00 01 11 66 08", "7F 00 01 F0 20 0A")] // SYNC flag 0: protocols.md's OK reply
    public async Task Sync_is_accepted_with_either_flag(string sync, string reply)
    {
        await using var host = await RawHost.StartAsync(new SspBillReaderEmulator(TimeProvider.System, TimeSpan.Zero));

        Assert.Equal(Hex.Of(Hex.Bytes(reply)), Hex.Of((await host.ExchangeAsync(Hex.Bytes(sync))).Encode()));
        Assert.Equal(Hex.Of(Hex.Bytes(reply)), Hex.Of((await host.ExchangeAsync(Hex.Bytes(sync))).Encode())); // again: still executed
    }

    [Fact]
    public async Task A_repeated_flag_gets_the_last_reply_again_without_executing_twice()
    {
        await using var host = await RawHost.StartAsync(new SspBillReaderEmulator(TimeProvider.System, TimeSpan.Zero));
        await host.ExchangeAsync(Hex.Bytes("7F 80 01 11 65 82"));

        var first = await host.ExchangeAsync(Hex.Bytes("7F 00 01 07 11 88")); // POLL flag 0
        var repeated = await host.ExchangeAsync(Hex.Bytes("7F 00 01 07 11 88"));
        var next = await host.ExchangeAsync(SspFrame.Encode(0x80, [(byte)SspCommand.Poll]));

        Assert.Equal("F0F1E8", Hex.Of(first.Data)); // power-up reset, then disabled
        Assert.Equal(first, repeated); // the F1 was not consumed a second time
        Assert.Equal("F0E8", Hex.Of(next.Data));
        Assert.True(next.SequenceFlag);
    }

    [Theory]
    [InlineData("55", "F2")] // unknown command
    [InlineData("07 01", "F3")] // POLL takes no parameter
    [InlineData("02", "F3")] // SET_INHIBITS needs its mask
    [InlineData("02 FF FF", "F0")]
    [InlineData("06 FF", "F8")] // host protocol version it does not speak
    [InlineData("08", "F5")] // REJECT with no note in escrow
    [InlineData("0C", "F001DF5E76")]
    public async Task Commands_get_their_generic_reply(string data, string reply)
    {
        await using var host = await RawHost.StartAsync(new SspBillReaderEmulator(TimeProvider.System, TimeSpan.Zero));
        await host.ExchangeAsync(Hex.Bytes("7F 80 01 11 65 82"));

        Assert.Equal(reply, Hex.Of((await host.ExchangeAsync(SspFrame.Encode(0x00, Hex.Bytes(data)))).Data));
    }

    [Fact]
    public async Task An_enabled_reader_takes_a_note_into_the_cash_box_and_reports_full_at_capacity()
    {
        var emulator = new SspBillReaderEmulator(TimeProvider.System, TimeSpan.Zero, cashboxCapacity: 1);
        await using var host = await RawHost.StartAsync(emulator);
        await host.ExchangeAsync(Hex.Bytes("7F 80 01 11 65 82"));
        Assert.True(emulator.Inject("insert_note"));
        Assert.Equal(0, emulator.CashboxCount); // disabled: the note is not taken

        Assert.Equal("F0", Hex.Of((await host.CommandAsync(SspCommand.Enable)).Data));
        emulator.Inject("insert_note");
        var events = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            events.Add(Hex.Of((await host.CommandAsync(SspCommand.Poll)).Data));
        }

        Assert.Equal(["F0F1", "F0EF00", "F0EF01", "F0EE01CC", "F0EB", "F0E7"], events);
        Assert.Equal(1, emulator.CashboxCount);
    }

    [Fact]
    public async Task Power_up_reports_a_reset_then_what_persists()
    {
        var emulator = new SspBillReaderEmulator(TimeProvider.System, TimeSpan.Zero);
        emulator.Inject("cashbox_removed");
        emulator.Inject("unsafe_jam");
        emulator.SetPower(false);
        emulator.SetPower(true);
        await using var host = await RawHost.StartAsync(emulator);
        await host.ExchangeAsync(Hex.Bytes("7F 80 01 11 65 82"));

        // Reset, the jammed note pushed back out of the entry, the box still missing, disabled.
        Assert.Equal("F0F1E100E3E8", Hex.Of((await host.CommandAsync(SspCommand.Poll)).Data));
        Assert.False(emulator.IsEnabled);
    }

    /// <summary>A bare SSP host over an in-memory cable.</summary>
    private sealed class RawHost : IAsyncDisposable
    {
        private readonly LinkSession _session;
        private bool _flag;

        private RawHost(LinkSession session) => _session = session;

        public static async Task<RawHost> StartAsync(SspBillReaderEmulator emulator)
        {
            var stream = await new InMemoryLink(emulator, "raw").OpenAsync(CancellationToken.None);
            return new RawHost(new LinkSession(stream, "raw", TimeProvider.System));
        }

        public async Task<SspFrame> ExchangeAsync(byte[] packet)
        {
            var frame = Assert.Single(FrameFeeder.FeedBytewise(SspFrameReader.Instance, packet));
            _flag = (SspCommand)frame.Data[0] == SspCommand.Sync ? false : !frame.SequenceFlag;
            await _session.SendAsync(packet, CancellationToken.None);
            return await _session.ReceiveAsync(SspFrameReader.Instance, "reply", Timeout, CancellationToken.None);
        }

        public Task<SspFrame> CommandAsync(SspCommand command) =>
            ExchangeAsync(SspFrame.Encode(SspFrame.SeqIdOf(0, _flag), [(byte)command]));

        public ValueTask DisposeAsync() => _session.DisposeAsync();
    }
}
