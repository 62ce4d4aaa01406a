using System.Buffers;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Dispenser;

public sealed class K720CodecTests
{
    private static readonly K720Address Unit00 = K720Address.Unit(0);

    /// <summary>A status reply from unit 00 with every status byte '0' (all clear), BCC computed by hand: 0x12.</summary>
    private const string AllClearReply = "02 30 30 00 06 53 46 30 30 30 30 03 12";

    [Theory]
    [InlineData("AP", "02 30 30 00 02 41 50 03 12")] // protocols.md vectors
    [InlineData("RS", "02 30 30 00 02 52 53 03 02")]
    public void Command_packets_match_the_vectors(string text, string expected) =>
        Assert.Equal(Hex.Bytes(expected), K720Frame.Packet(Unit00, text).Encode());

    [Theory]
    [InlineData("02 30 30 00 02 41 50 03", 0x12)]
    [InlineData("02 30 30 00 02 52 53 03", 0x02)]
    public void Bcc_is_the_xor_of_stx_through_etx(string stxThroughEtx, byte bcc) =>
        Assert.Equal(bcc, K720Frame.Bcc(Hex.Bytes(stxThroughEtx)));

    [Fact]
    public void The_all_clear_reply_vector_is_a_valid_packet()
    {
        var frame = Assert.Single(FrameFeeder.FeedBytewise(K720FrameReader.Replies, Hex.Bytes(AllClearReply)));

        Assert.Equal(K720Frame.Packet(Unit00, "SF0000"), frame);
        Assert.Equal(Hex.Bytes(AllClearReply), frame.Encode());
    }

    [Theory]
    [InlineData(K720Control.Ack, 0, "06 30 30")]
    [InlineData(K720Control.Nak, 0, "15 30 30")]
    [InlineData(K720Control.Enq, 0, "05 30 30")]
    [InlineData(K720Control.Eot, 0, "04 30 30")]
    [InlineData(K720Control.Ack, 7, "06 30 37")]
    [InlineData(K720Control.Enq, 42, "05 34 32")]
    public void Control_frames_carry_the_address_as_two_ascii_digits(K720Control kind, int unit, string expected) =>
        Assert.Equal(Hex.Bytes(expected), K720Frame.Control(kind, K720Address.Unit(unit)).Encode());

    [Theory]
    [InlineData("02 30 30 00 02 41 50 03 12")]
    [InlineData("02 30 30 00 02 52 53 03 02")]
    [InlineData("05 30 30")]
    [InlineData("04 30 30")]
    public void Host_frames_are_found_in_every_chunking(string hex)
    {
        var bytes = Hex.Bytes(hex);
        var expected = FrameFeeder.Feed(K720FrameReader.Commands, [bytes]);
        Assert.Single(expected);
        Assert.Equal(expected, FrameFeeder.FeedBytewise(K720FrameReader.Commands, bytes));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(expected, FrameFeeder.FeedSplit(K720FrameReader.Commands, bytes, offset));
        }

        foreach (var sequence in Hex.EveryChunking(bytes))
        {
            Assert.Equal(expected[0], ParseOne(K720FrameReader.Commands, sequence, out var consumedAll));
            Assert.True(consumedAll);
        }
    }

    [Fact]
    public void Replies_are_found_in_every_chunking_with_garbage_between_them()
    {
        // noise, ACK, noise incl. an ACK byte without an address, the all-clear reply, noise, NAK, trailing noise
        var bytes = Hex.Bytes($"FF 00 06 30 30 7E 06 41 41 {AllClearReply} 13 37 15 30 30 00");
        K720Frame[] expected =
        [
            K720Frame.Control(K720Control.Ack, Unit00),
            K720Frame.Packet(Unit00, "SF0000"),
            K720Frame.Control(K720Control.Nak, Unit00),
        ];

        Assert.Equal(expected, FrameFeeder.Feed(K720FrameReader.Replies, [bytes]));
        Assert.Equal(expected, FrameFeeder.FeedBytewise(K720FrameReader.Replies, bytes));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(expected, FrameFeeder.FeedSplit(K720FrameReader.Replies, bytes, offset));
        }
    }

    [Theory]
    [InlineData("02 30 30 00 02 41 50 03 13", K720ScanResult.Malformed)] // bad BCC
    [InlineData("02 30 30 00 02 41 50 04 12", K720ScanResult.Malformed)] // no ETX where LEN puts it
    [InlineData("02 30 30 00 02 41 50 03", K720ScanResult.NeedMore)]     // truncated: BCC missing
    [InlineData("02 30 30 00", K720ScanResult.NeedMore)]                 // truncated header
    public void Damaged_and_truncated_packets_yield_no_frame(string hex, K720ScanResult scan)
    {
        var bytes = Hex.Bytes(hex);

        Assert.Empty(FrameFeeder.FeedBytewise(K720FrameReader.Commands, bytes));
        Assert.Equal(scan, K720FrameReader.Commands.Scan(new ReadOnlySequence<byte>(bytes), out var start, out _, out _));
        Assert.Equal(0, start.GetInteger()); // the damage starts at STX: nothing before it was skipped
    }

    [Theory]
    [InlineData("02 30 30 00 02 41 50 03 13")] // bad BCC
    [InlineData("02 30 30 00 02 41 50 03")]    // truncated, then the next packet's STX lands where its BCC should be
    [InlineData("02 30 30 00 09 41 50 03")]    // a length that runs into the next packet
    public void After_a_damaged_packet_the_reader_resynchronises_on_the_next(string damaged)
    {
        var bytes = Hex.Bytes($"{damaged} 02 30 30 00 02 52 53 03 02");

        var frame = Assert.Single(FrameFeeder.FeedBytewise(K720FrameReader.Commands, bytes));
        Assert.Equal(K720Frame.Packet(Unit00, "RS"), frame);
    }

    [Theory]
    [InlineData("06 3A 30")]                   // address not digits
    [InlineData("02 41 30 00 02 41 50 03 63")] // packet with a letter in its address (BCC right)
    [InlineData("02 30 30 02 01 41 50 03 13")] // LEN 513: beyond any reply of this family
    public void Implausible_starts_are_garbage(string hex) =>
        Assert.Empty(FrameFeeder.FeedBytewise(K720FrameReader.Replies, Hex.Bytes(hex)));

    [Fact]
    public void Each_direction_reads_only_its_own_frames()
    {
        var hostOnly = Hex.Bytes("05 30 30 04 30 30");
        var deviceOnly = Hex.Bytes("06 30 30 15 30 30");

        Assert.Empty(FrameFeeder.FeedBytewise(K720FrameReader.Replies, hostOnly));
        Assert.Empty(FrameFeeder.FeedBytewise(K720FrameReader.Commands, deviceOnly));
        Assert.Equal(2, FrameFeeder.FeedBytewise(K720FrameReader.Commands, hostOnly).Count);
        Assert.Equal(2, FrameFeeder.FeedBytewise(K720FrameReader.Replies, deviceOnly).Count);
    }

    [Fact]
    public void Address_digits_round_trip()
    {
        foreach (var unit in Enumerable.Range(0, 100))
        {
            var address = K720Address.Unit(unit);
            Assert.Equal(unit, address.Number);
            Assert.Equal(unit.ToString("D2"), address.ToString());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => K720Address.Unit(100));
    }

    private static K720Frame ParseOne(K720FrameReader reader, ReadOnlySequence<byte> input, out bool consumedAll)
    {
        var consumed = input.Start;
        var examined = input.End;
        Assert.True(reader.TryParseMessage(input, ref consumed, ref examined, out var frame));
        consumedAll = input.Slice(consumed).Length == 0;
        return frame;
    }
}
