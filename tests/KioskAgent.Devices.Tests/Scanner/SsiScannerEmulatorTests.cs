using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>The emulated decoder as a peer on the wire: what it answers to each host packet, good or bad.</summary>
public sealed class SsiScannerEmulatorTests : IAsyncLifetime
{
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(2);
    private readonly SsiScannerEmulator _scanner = new(TimeProvider.System, TimeSpan.Zero);
    private LinkSession _session = null!;

    public async Task InitializeAsync()
    {
        var stream = await new InMemoryLink(_scanner, "emulator:scanner").OpenAsync(CancellationToken.None);
        _session = new LinkSession(stream, "emulator:scanner", TimeProvider.System);
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    private async Task<SsiPacket> ExchangeAsync(byte[] bytes)
    {
        await _session.SendAsync(bytes, CancellationToken.None);
        return await ReceiveAsync();
    }

    private Task<SsiPacket> ReceiveAsync() => _session.ReceiveAsync(SsiPacketReader.FromDecoder, "decoder packet", Reply, CancellationToken.None);

    private Task<SsiPacket> ExchangeAsync(SsiPacket packet) => ExchangeAsync(packet.Encode());

    [Fact]
    public async Task The_revision_vector_is_answered_with_reply_revision()
    {
        var reply = await ExchangeAsync(Hex.Bytes("04 A3 04 00 FF 55"));

        Assert.Equal(SsiOpcode.ReplyRevision, reply.Opcode);
        Assert.Equal(SsiSource.Decoder, reply.Source);
        Assert.Equal(SsiScannerEmulator.DefaultRevision, SsiRevision.Parse(reply.Data).Text);
    }

    [Fact]
    public async Task Scan_enable_and_disable_are_acknowledged_and_obeyed()
    {
        Assert.Equal(SsiOpcode.CmdAck, (await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ScanDisable))).Opcode);
        Assert.False(_scanner.ScanEnabled);

        Assert.Equal(SsiOpcode.CmdAck, (await ExchangeAsync(Hex.Bytes("04 E9 04 00 FF 0F"))).Opcode);
        Assert.True(_scanner.ScanEnabled);
    }

    [Fact]
    public async Task A_corrupted_packet_is_naked_resend_and_its_retransmission_answered()
    {
        var nak = await ExchangeAsync(Hex.Bytes("04 A3 04 00 FF 54"));
        Assert.Equal((SsiOpcode.CmdNak, (byte)SsiNakCause.Resend), (nak.Opcode, nak.Data[0]));

        var reply = await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.RequestRevision).AsRetransmission());
        Assert.Equal(SsiOpcode.ReplyRevision, reply.Opcode);
    }

    [Theory]
    [InlineData(SsiOpcode.DecodeData)]
    [InlineData(SsiOpcode.ReplyRevision)]
    [InlineData((SsiOpcode)0x42)]
    public async Task An_unexpected_or_unknown_packet_is_naked_bad_context(SsiOpcode opcode)
    {
        var nak = await ExchangeAsync(SsiPacket.FromHost(opcode, 0x01));

        Assert.Equal((SsiOpcode.CmdNak, (byte)SsiNakCause.BadContext), (nak.Opcode, nak.Data[0]));
    }

    [Fact]
    public async Task A_host_nak_resend_makes_the_decoder_retransmit_its_last_packet()
    {
        var first = await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.RequestRevision));

        var again = await ExchangeAsync(SsiPacket.Nak(SsiSource.Host, SsiNakCause.Resend));

        Assert.True(again.IsRetransmit);
        Assert.Equal(first.Data, again.Data);
    }

    [Fact]
    public async Task Parameters_sent_permanently_and_temporarily_are_reported_and_only_permanent_ones_survive_power()
    {
        var permanent = new SsiPacket(SsiOpcode.ParamSend, SsiSource.Host, SsiStatus.PermanentChange, SsiParameters.EncodeSend([new(0x8C, 0x02)]));
        Assert.Equal(SsiOpcode.CmdAck, (await ExchangeAsync(permanent)).Opcode);
        Assert.Equal(SsiOpcode.CmdAck, (await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ParamSend, SsiParameters.EncodeSend([new(0x9C, 0x07)])))).Opcode);

        var reported = await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ParamRequest, SsiParameters.AllParameters));
        Assert.Equal(SsiOpcode.ParamSend, reported.Opcode);
        Assert.True(SsiParameters.TryDecodeSend(reported.Data, out var values));
        Assert.Equal(new Dictionary<byte, byte> { [0x8C] = 0x02, [0x9C] = 0x07 }, values);

        _scanner.SetPower(false);
        _scanner.SetPower(true);
        Assert.Equal((byte?)0x02, _scanner.Parameter(0x8C));
        Assert.Null(_scanner.Parameter(0x9C));
    }

    [Fact]
    public async Task A_malformed_parameter_send_is_denied()
    {
        var nak = await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ParamSend, 0xFF, 0x8C));

        Assert.Equal((SsiOpcode.CmdNak, (byte)SsiNakCause.Denied), (nak.Opcode, nak.Data[0]));
    }

    [Fact]
    public async Task Decode_data_comes_one_packet_per_ack_while_a_session_runs()
    {
        await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ScanEnable));
        await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.StartDecode));
        _scanner.MaxPacketData = 32;

        Assert.True(_scanner.Inject("decode_mrz"));
        var parts = new List<SsiPacket> { await ReceiveAsync() };
        while (parts[^1].IsContinued)
        {
            parts.Add(await ExchangeAsync(SsiPacket.Ack(SsiSource.Host)));
        }

        Assert.Equal(3, parts.Count);
        Assert.Equal(MrzSpecimen.Text(), SsiDecodeData.Join(parts).Text);
        Assert.False(_scanner.PresentMrz()); // the good read ended the session
    }

    [Fact]
    public async Task Nak_faults_answer_every_command_until_repaired()
    {
        _scanner.Inject("nak_bad_context");
        Assert.Equal(SsiOpcode.CmdNak, (await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.RequestRevision))).Opcode);
        Assert.Equal(SsiOpcode.CmdNak, (await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.ScanDisable))).Opcode);

        _scanner.Inject("naks_off");
        Assert.Equal(SsiOpcode.ReplyRevision, (await ExchangeAsync(SsiPacket.FromHost(SsiOpcode.RequestRevision))).Opcode);
    }

    [Fact]
    public async Task Unpowered_it_stays_silent()
    {
        _scanner.SetPower(false);

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => ExchangeAsync(SsiPacket.FromHost(SsiOpcode.RequestRevision)).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("no_answer", fault.Code);
    }

    [Fact]
    public void Unknown_fault_names_are_refused_and_every_listed_name_applies()
    {
        Assert.False(_scanner.Inject("paper_out"));
        Assert.All(_scanner.FaultNames, name => Assert.True(_scanner.Inject(name), name));
    }
}
