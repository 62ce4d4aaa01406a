using System.Buffers;
using System.Text;
using CsCheck;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Devices.Tpv.Zvt;

namespace KioskAgent.Devices.Tests.Tpv;

/// <summary>ZVT framing: CRC, frame builder and block reader, on the protocols.md vectors and on bad input.</summary>
public sealed class ZvtFrameTests
{
    private const string StatusEnquiryFrame = "10 02 05 01 00 10 03 10 06";
    private const string PositiveAckFrame = "10 02 80 00 00 10 03 F5 1F";

    public static TheoryData<string, string> Vectors => new()
    {
        { "05 01 00", StatusEnquiryFrame },
        { "80 00 00", PositiveAckFrame },
    };

    [Fact]
    public void Crc_is_kermit_with_the_documented_check_value() =>
        Assert.Equal(0x2189, ZvtCrc.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Frames_match_the_documented_vectors(string apdu, string frame) =>
        Assert.Equal(Hex.Of(Hex.Bytes(frame)), Hex.Of(ZvtFrame.Encode(Hex.Bytes(apdu), ZvtFraming.Default)));

    [Fact]
    public void Commands_encode_to_the_documented_apdus()
    {
        Assert.Equal("050100", Hex.Of(ZvtCommands.StatusEnquiry(null).Encode()));
        Assert.Equal("800000", Hex.Of(ZvtCommands.PositiveAcknowledgement().Encode()));
        Assert.Equal("846B00", Hex.Of(ZvtCommands.NegativeAcknowledgement(0x6B).Encode()));
        Assert.Equal("060200", Hex.Of(ZvtCommands.LogOff().Encode()));
        Assert.Equal("06B000", Hex.Of(ZvtCommands.Abort().Encode()));
        Assert.Equal("0600060012340809 78".Replace(" ", ""), Hex.Of(ZvtCommands.Registration("001234", 0x08, 978).Encode()));
        Assert.Equal("050103123456", Hex.Of(ZvtCommands.StatusEnquiry("123456").Encode()));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_vector_is_read_in_every_chunking(string apdu, string frame)
    {
        var bytes = Hex.Bytes(frame);
        AssertSingleFrame(apdu, FrameFeeder.FeedBytewise(ZvtBlockReader.Default, bytes));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            AssertSingleFrame(apdu, FrameFeeder.FeedSplit(ZvtBlockReader.Default, bytes, offset));
        }

        foreach (var sequence in Hex.EveryChunking(bytes))
        {
            var consumed = sequence.Start;
            var examined = sequence.End;
            Assert.True(ZvtBlockReader.Default.TryParseMessage(sequence, ref consumed, ref examined, out var block));
            Assert.Equal(ZvtBlockKind.Frame, block.Kind);
            Assert.Equal(Hex.Of(Hex.Bytes(apdu)), Hex.Of(block.Apdu));
            Assert.Equal(sequence.End, consumed);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_vector_is_found_between_garbage(string apdu, string frame)
    {
        // Garbage: bytes that are not ACK/NAK, and a DLE not followed by STX.
        var bytes = Hex.Bytes($"41 00 FF 03 02 10 41 7E {frame} 33 10 03 99");
        AssertSingleFrame(apdu, FrameFeeder.FeedBytewise(ZvtBlockReader.Default, bytes));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            AssertSingleFrame(apdu, FrameFeeder.FeedSplit(ZvtBlockReader.Default, bytes, offset));
        }
    }

    [Fact]
    public void Ack_and_nak_are_link_blocks()
    {
        var blocks = FrameFeeder.FeedBytewise(ZvtBlockReader.Default, Hex.Bytes($"06 {PositiveAckFrame} 15"));

        Assert.Equal([ZvtBlockKind.Ack, ZvtBlockKind.Frame, ZvtBlockKind.Nak], blocks.Select(b => b.Kind));
    }

    [Fact]
    public void A_bad_crc_is_reported_as_a_corrupt_frame_and_the_next_frame_still_read()
    {
        var blocks = FrameFeeder.FeedBytewise(ZvtBlockReader.Default, Hex.Bytes($"10 02 80 00 00 10 03 F5 1E {StatusEnquiryFrame}"));

        Assert.Equal(2, blocks.Count);
        Assert.Equal(ZvtBlockKind.CorruptFrame, blocks[0].Kind);
        Assert.Equal("800000", Hex.Of(blocks[0].Apdu));
        Assert.Equal(ZvtBlockKind.Frame, blocks[1].Kind);
        Assert.Equal("050100", Hex.Of(blocks[1].Apdu));
    }

    [Fact]
    public void An_unescaped_dle_drops_the_frame_and_the_search_resumes_after_its_start()
    {
        // 10 41 inside the APDU is neither 10 10 nor 10 03.
        var blocks = FrameFeeder.FeedBytewise(ZvtBlockReader.Default, Hex.Bytes($"10 02 80 10 41 00 10 03 00 00 {PositiveAckFrame}"));

        var block = Assert.Single(blocks);
        Assert.Equal(ZvtBlockKind.Frame, block.Kind);
        Assert.Equal("800000", Hex.Of(block.Apdu));
    }

    [Fact]
    public void A_dle_stx_inside_a_frame_starts_a_new_frame()
    {
        var blocks = FrameFeeder.FeedBytewise(ZvtBlockReader.Default, Hex.Bytes($"10 02 80 00 {PositiveAckFrame}"));

        Assert.Equal("800000", Hex.Of(Assert.Single(blocks).Apdu));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_truncated_frame_yields_nothing_and_keeps_its_start(string apdu, string frame)
    {
        var bytes = Hex.Bytes(frame);
        for (var length = 1; length < bytes.Length; length++)
        {
            var sequence = new ReadOnlySequence<byte>(bytes[..length]);
            var consumed = sequence.Start;
            var examined = sequence.End;
            Assert.False(ZvtBlockReader.Default.TryParseMessage(sequence, ref consumed, ref examined, out _));
            Assert.Equal(0, sequence.Slice(sequence.Start, consumed).Length);
        }

        Assert.NotEmpty(apdu);
    }

    [Fact]
    public void A_dle_in_the_apdu_is_doubled_and_undoubled()
    {
        var apdu = new ZvtApdu(ZvtControlField.IntermediateStatus, 0x10).Encode();
        var frame = ZvtFrame.Encode(apdu, ZvtFraming.Default);

        Assert.StartsWith("100204FF011010", Hex.Of(frame));
        Assert.Equal("04FF0110", Hex.Of(Assert.Single(FrameFeeder.FeedBytewise(ZvtBlockReader.Default, frame)).Apdu));
    }

    [Fact]
    public void Crc_stuffing_is_a_choice_both_sides_share()
    {
        var stuffed = new ZvtFraming(CrcStuffed: true);
        var frame = ZvtFrame.Encode(Hex.Bytes("05 01 00"), stuffed);

        Assert.Equal("1002050100100310" + "1006", Hex.Of(frame));
        Assert.Equal("050100", Hex.Of(Assert.Single(FrameFeeder.FeedBytewise(new ZvtBlockReader(stuffed), frame)).Apdu));
        Assert.Equal(ZvtBlockKind.CorruptFrame, FrameFeeder.FeedBytewise(ZvtBlockReader.Default, frame)[0].Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(300)]
    [InlineData(2000)]
    public void Apdus_round_trip_through_both_length_forms_and_the_frame(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var apdu = new ZvtApdu(ZvtControlField.PrintLine, data);
        var encoded = apdu.Encode();
        Assert.Equal(length < 255 ? 3 + length : 5 + length, encoded.Length);

        var block = Assert.Single(FrameFeeder.FeedBytewise(ZvtBlockReader.Default, ZvtFrame.Encode(encoded, ZvtFraming.Default)));
        Assert.True(ZvtApdu.TryDecode(block.Apdu, out var decoded, out _));
        Assert.Equal(apdu.ControlField, decoded.ControlField);
        Assert.Equal(Hex.Of(data), Hex.Of(decoded.Data));
    }

    [Theory]
    [InlineData("80 00", "shorter")]
    [InlineData("80 00 01", "announces 1")]
    [InlineData("80 00 00 00", "announces 0")]
    [InlineData("06 D1 FF 01", "ends before")]
    [InlineData("06 D1 FF 03 00 41", "announces 3")]
    public void Malformed_apdus_are_refused_with_the_reason(string hex, string reason)
    {
        Assert.False(ZvtApdu.TryDecode(Hex.Bytes(hex), out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_give_only_valid_frames_or_a_need_for_more()
    {
        var input = Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[1, 16], (bytes, chunk) => (bytes, chunk));
        input.Sample(sample =>
        {
            var chunks = sample.bytes.Chunk(sample.chunk);
            foreach (var block in FrameFeeder.Feed(ZvtBlockReader.Default, chunks))
            {
                if (block.Kind == ZvtBlockKind.Frame)
                {
                    var frame = ZvtFrame.Encode(block.Apdu, ZvtFraming.Default);
                    Assert.True(sample.bytes.AsSpan().IndexOf(frame) >= 0, $"frame {Hex.Of(frame)} is not in the input");
                }
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Random_frames_in_random_garbage_are_all_found()
    {
        var clean = Gen.Byte.Where(b => b is not (0x06 or 0x10 or 0x15)).Array[0, 20];
        Gen.Select(Gen.Byte.Array[0, 40].Array[1, 4], clean).Sample((apdus, garbage) =>
        {
            var stream = apdus.SelectMany(a => garbage.Concat(ZvtFrame.Encode(a, ZvtFraming.Default))).ToArray();
            var blocks = FrameFeeder.FeedBytewise(ZvtBlockReader.Default, stream);
            Assert.Equal(apdus.Select(a => Hex.Of(a)), blocks.Select(b => Hex.Of(b.Apdu)));
            Assert.All(blocks, b => Assert.Equal(ZvtBlockKind.Frame, b.Kind));
        }, iter: 2_000);
    }

    private static void AssertSingleFrame(string apdu, List<ZvtBlock> blocks)
    {
        var block = Assert.Single(blocks);
        Assert.Equal(ZvtBlockKind.Frame, block.Kind);
        Assert.Equal(Hex.Of(Hex.Bytes(apdu)), Hex.Of(block.Apdu));
    }
}
