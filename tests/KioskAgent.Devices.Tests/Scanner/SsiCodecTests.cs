using System.Buffers;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>SSI packets against the byte vectors of protocols.md, in every chunking, with garbage and damage.</summary>
public sealed class SsiCodecTests
{
    public static TheoryData<SsiOpcode, string> HostVectors => new()
    {
        { SsiOpcode.RequestRevision, "04 A3 04 00 FF 55" },
        { SsiOpcode.ScanEnable, "04 E9 04 00 FF 0F" },
        { SsiOpcode.CmdAck, "04 D0 04 00 FF 28" },
    };

    [Theory]
    [MemberData(nameof(HostVectors))]
    public void Host_commands_encode_to_the_vectors(SsiOpcode opcode, string vector) =>
        Assert.Equal(Hex.Bytes(vector), SsiPacket.FromHost(opcode).Encode());

    [Theory]
    [InlineData("04 A3 04 00", 0xFF55)]
    [InlineData("04 E9 04 00", 0xFF0F)]
    [InlineData("04 D0 04 00", 0xFF28)]
    [InlineData("", 0x0000)]
    [InlineData("FF FF FF FF", 0xFC04)] // 0x3FC summed: the carry past 16 bits is not lost below it
    public void Checksum_is_the_twos_complement_of_the_byte_sum(string bytes, int expected) =>
        Assert.Equal((ushort)expected, SsiPacket.Checksum(Hex.Bytes(bytes)));

    [Theory]
    [MemberData(nameof(HostVectors))]
    public void Each_vector_is_read_in_every_chunking(SsiOpcode opcode, string vector)
    {
        var bytes = Hex.Bytes(vector);
        foreach (var chunked in Hex.EveryChunking(bytes))
        {
            var consumed = chunked.Start;
            var examined = chunked.End;
            Assert.True(SsiPacketReader.FromHost.TryParseMessage(chunked, ref consumed, ref examined, out var packet));
            Assert.Equal(SsiPacket.FromHost(opcode), packet);
            Assert.Equal(chunked.End, consumed);
        }

        Assert.Equal(opcode, Assert.Single(FrameFeeder.FeedBytewise(SsiPacketReader.FromHost, bytes)).Opcode);
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(opcode, Assert.Single(FrameFeeder.FeedSplit(SsiPacketReader.FromHost, bytes, offset)).Opcode);
        }
    }

    [Fact]
    public void Vectors_surrounded_by_garbage_are_all_found_bytewise_and_split_everywhere()
    {
        // Garbage that cannot start a host packet (LEN < 4, or a wrong SOURCE byte after it), between and around.
        var bytes = Hex.Bytes("00 03 FF 13 02 99 | 04 A3 04 00 FF 55 | 01 02 | 04 E9 04 00 FF 0F | 7E 08 C6 00 | 04 D0 04 00 FF 28 | 02".Replace("|", ""));
        SsiOpcode[] expected = [SsiOpcode.RequestRevision, SsiOpcode.ScanEnable, SsiOpcode.CmdAck];

        Assert.Equal(expected, FrameFeeder.Feed(SsiPacketReader.FromHost, [bytes]).Select(p => p.Opcode));
        Assert.Equal(expected, FrameFeeder.FeedBytewise(SsiPacketReader.FromHost, bytes).Select(p => p.Opcode));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(expected, FrameFeeder.FeedSplit(SsiPacketReader.FromHost, bytes, offset).Select(p => p.Opcode));
        }
    }

    [Fact]
    public void A_bad_checksum_is_dropped_by_its_first_byte_and_the_next_packet_is_found()
    {
        var bytes = Hex.Bytes("04 A3 04 00 FF 56 04 E9 04 00 FF 0F");

        var packets = FrameFeeder.FeedBytewise(SsiPacketReader.FromHost, bytes);

        Assert.Equal(SsiOpcode.ScanEnable, Assert.Single(packets).Opcode);
        Assert.Equal(SsiFrameCheck.BadChecksum, SsiPacketReader.FromHost.Inspect(bytes.AsSpan(0, 6), out var length));
        Assert.Equal(6, length);
    }

    [Theory]
    [InlineData("04")]
    [InlineData("04 A3")]
    [InlineData("04 A3 04")]
    [InlineData("04 A3 04 00 FF")]
    [InlineData("05 D1 00 00 02 FF")]
    public void A_truncated_packet_needs_more_and_keeps_its_start(string partial)
    {
        var reader = partial.StartsWith("05", StringComparison.Ordinal) ? SsiPacketReader.FromDecoder : SsiPacketReader.FromHost;
        var buffer = new ReadOnlySequence<byte>(Hex.Bytes("00 01 " + partial)); // two garbage bytes first
        var consumed = buffer.Start;
        var examined = buffer.Start;

        Assert.False(reader.TryParseMessage(buffer, ref consumed, ref examined, out _));
        Assert.Equal(2, buffer.Slice(0, consumed).Length);
        Assert.Equal(buffer.End, examined);
    }

    [Fact]
    public void Each_reader_skips_the_other_sides_packets()
    {
        var host = Hex.Bytes("04 A3 04 00 FF 55");
        var decoder = SsiPacket.FromDecoder(SsiOpcode.ReplyRevision, "R1"u8.ToArray()).Encode();

        Assert.Empty(FrameFeeder.FeedBytewise(SsiPacketReader.FromDecoder, host));
        Assert.Empty(FrameFeeder.FeedBytewise(SsiPacketReader.FromHost, decoder));
        Assert.Single(FrameFeeder.FeedBytewise(SsiPacketReader.FromDecoder, [.. host, .. decoder]));
    }

    [Fact]
    public void Status_bits_and_the_nak_cause_survive_the_wire()
    {
        var nak = SsiPacket.Nak(SsiSource.Decoder, SsiNakCause.BadContext).AsRetransmission();

        var read = Assert.Single(FrameFeeder.FeedBytewise(SsiPacketReader.FromDecoder, nak.Encode()));

        Assert.Equal(Hex.Bytes("05 D1 00 01 02 FF 27"), nak.Encode());
        Assert.True(read.IsRetransmit);
        Assert.False(read.IsContinued);
        Assert.Equal([(byte)SsiNakCause.BadContext], read.Data);
    }

    [Fact]
    public void Oversized_data_is_refused_when_encoding()
    {
        var packet = SsiPacket.FromDecoder(SsiOpcode.DecodeData, new byte[SsiPacket.MaxDataLength + 1]);

        Assert.Throws<ArgumentException>(() => packet.Encode());
        Assert.Equal(257, (packet with { Data = new byte[SsiPacket.MaxDataLength] }).Encode().Length);
    }

    [Fact]
    public void Revision_text_keeps_printable_ascii_and_names_the_firmware()
    {
        var revision = SsiRevision.Parse("PAABLS00-005-R04 D0 SE4750 0A2B \0\u0001"u8);

        Assert.Equal("PAABLS00-005-R04 D0 SE4750 0A2B ??", revision.Text);
        Assert.Equal("PAABLS00-005-R04", revision.Firmware);
        Assert.Null(SsiRevision.Parse([]).Firmware);
        Assert.Equal(SsiRevision.MaxLength, SsiRevision.Parse(new byte[1000]).Text.Length);
    }

    [Fact]
    public void Parameters_round_trip_and_malformed_data_is_refused()
    {
        var data = SsiParameters.EncodeSend([new(0x8C, 0x01), new(0x9C, 0x02)]);

        Assert.Equal(Hex.Bytes("FF 8C 01 9C 02"), data);
        Assert.True(SsiParameters.TryDecodeSend(data, out var values));
        Assert.Equal(2, values.Count);
        Assert.Equal(0x02, values[0x9C]);
        Assert.False(SsiParameters.TryDecodeSend([], out _));
        Assert.False(SsiParameters.TryDecodeSend(Hex.Bytes("FF 8C"), out _));
        Assert.False(SsiParameters.TryDecodeSend(Hex.Bytes("FF F0 01"), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => SsiParameters.EncodeSend([new(0xF1, 0)]));
    }
}
