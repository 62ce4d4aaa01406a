using System.Buffers;
using System.Text;
using CsCheck;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.BillReader;

public sealed class SspCodecTests
{
    /// <summary>protocols.md's SSP vectors: SEQID, data, wire bytes.</summary>
    public static TheoryData<byte, string, string> Vectors => new()
    {
        { 0x80, "11", "7F 80 01 11 65 82" }, // SYNC, flag 1
        { 0x00, "11", "7F 00 01 11 66 08" }, // SYNC, flag 0
        { 0x00, "F0", "7F 00 01 F0 20 0A" }, // OK reply
        { 0x00, "07", "7F 00 01 07 11 88" }, // POLL
    };

    [Fact]
    public void Crc_matches_the_check_value() =>
        Assert.Equal(0xAEE7, SspCrc.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encoding_matches_the_vectors(byte seqId, string data, string wire) =>
        Assert.Equal(Hex.Of(Hex.Bytes(wire)), Hex.Of(SspFrame.Encode(seqId, Hex.Bytes(data))));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_is_found_in_every_chunking(byte seqId, string data, string wire)
    {
        var bytes = Hex.Bytes(wire);
        var expected = new SspFrame(seqId, Hex.Bytes(data));

        Assert.Equal(expected, Assert.Single(FrameFeeder.FeedBytewise(SspFrameReader.Instance, bytes)));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(expected, Assert.Single(FrameFeeder.FeedSplit(SspFrameReader.Instance, bytes, offset)));
        }

        foreach (var sequence in Hex.EveryChunking(bytes))
        {
            Assert.Equal(expected, ParseOne(sequence, out var consumedAll));
            Assert.True(consumedAll);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_is_found_between_garbage(byte seqId, string data, string wire)
    {
        // Garbage with lone 7Fs, a stuffed pair, and a 7F whose "length" would swallow the real packet.
        var bytes = Hex.Bytes("00 7F 13 FF 7F 7F 7F 40 01 7F 05 7F " + wire + " 7F 02 55 7F");
        var expected = new SspFrame(seqId, Hex.Bytes(data));

        Assert.Equal(expected, Assert.Single(FrameFeeder.Feed(SspFrameReader.Instance, [bytes])));
        Assert.Equal(expected, Assert.Single(FrameFeeder.FeedBytewise(SspFrameReader.Instance, bytes)));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            Assert.Equal(expected, Assert.Single(FrameFeeder.FeedSplit(SspFrameReader.Instance, bytes, offset)));
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_corrupted_byte_is_rejected_and_the_next_packet_still_found(byte seqId, string data, string wire)
    {
        var good = Hex.Bytes(wire);
        for (var i = 1; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x01;
            if (bad[i] == SspFrame.Stx)
            {
                bad[i] ^= 0x02;
            }

            Assert.Empty(FrameFeeder.FeedBytewise(SspFrameReader.Instance, bad));
            var frames = FrameFeeder.FeedBytewise(SspFrameReader.Instance, [.. bad, .. good]);
            Assert.Equal(new SspFrame(seqId, Hex.Bytes(data)), Assert.Single(frames));
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_truncated_packet_yields_nothing_and_keeps_its_start(byte seqId, string data, string wire)
    {
        _ = (seqId, data);
        var bytes = Hex.Bytes(wire);
        for (var length = 1; length < bytes.Length; length++)
        {
            var sequence = new ReadOnlySequence<byte>(bytes[..length]);
            var consumed = sequence.Start;
            var examined = sequence.End;
            Assert.False(SspFrameReader.Instance.TryParseMessage(sequence, ref consumed, ref examined, out _));
            Assert.Equal(0, sequence.Slice(0, consumed).Length); // the start is kept for the rest to arrive
        }
    }

    [Fact]
    public void A_zero_length_packet_is_rejected() =>
        Assert.Empty(FrameFeeder.FeedBytewise(SspFrameReader.Instance, WithCrc(0x00, 0x00)));

    [Fact]
    public void A_stuffed_7F_at_every_position_round_trips()
    {
        // 7F as data at each position, as SEQID (address 7F, flag 0) and, found by search, inside the CRC.
        for (var length = 1; length <= 6; length++)
        {
            for (var position = 0; position < length; position++)
            {
                var data = Enumerable.Repeat((byte)0x07, length).ToArray();
                data[position] = SspFrame.Stx;
                AssertRoundTrip(new SspFrame(0x00, data));
                AssertRoundTrip(new SspFrame(0x7F, data));
            }
        }

        var crcLow = FindDataWhoseCrc(crc => (crc & 0xFF) == 0x7F);
        var crcHigh = FindDataWhoseCrc(crc => crc >> 8 == 0x7F);
        AssertRoundTrip(new SspFrame(0x80, crcLow));
        AssertRoundTrip(new SspFrame(0x80, crcHigh));
        Assert.Contains("7F7F", Hex.Of(SspFrame.Encode(0x80, crcHigh)[^2..]), StringComparison.Ordinal);

        static void AssertRoundTrip(SspFrame frame)
        {
            var wire = frame.Encode();
            Assert.Equal(1, wire.Count(b => b == SspFrame.Stx) % 2); // the STX, then pairs
            Assert.Equal(frame, Assert.Single(FrameFeeder.FeedBytewise(SspFrameReader.Instance, wire)));
            for (var offset = 1; offset < wire.Length; offset++)
            {
                Assert.Equal(frame, Assert.Single(FrameFeeder.FeedSplit(SspFrameReader.Instance, wire, offset)));
            }
        }
    }

    [Fact]
    public void Random_frames_round_trip_back_to_back() =>
        Gen.Select(Gen.Byte, Gen.Byte.Array[1, 255]).Array[1, 4].Sample(frames =>
        {
            var expected = frames.Select(f => new SspFrame(f.Item1, f.Item2)).ToList();
            var wire = expected.SelectMany(f => f.Encode()).ToArray();
            Assert.Equal(expected, FrameFeeder.Feed(SspFrameReader.Instance, [wire]));
        }, iter: 2_000);

    [Fact]
    public void Random_bytes_yield_only_valid_frames_and_never_throw() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            // Bias towards the STX so stuffing paths are hit.
            var input = bytes.Select(b => b < 40 ? SspFrame.Stx : b).ToArray();
            foreach (var frame in FrameFeeder.Feed(SspFrameReader.Instance, [input]))
            {
                Assert.InRange(frame.Data.Length, 1, SspFrame.MaxDataLength);
                Assert.Equal(frame, Assert.Single(FrameFeeder.FeedBytewise(SspFrameReader.Instance, frame.Encode())));
            }
        }, iter: 10_000);

    private static SspFrame? ParseOne(ReadOnlySequence<byte> sequence, out bool consumedAll)
    {
        var consumed = sequence.Start;
        var examined = sequence.End;
        var found = SspFrameReader.Instance.TryParseMessage(sequence, ref consumed, ref examined, out var frame);
        consumedAll = sequence.Slice(consumed).IsEmpty;
        return found ? frame : null;
    }

    private static byte[] WithCrc(params byte[] body)
    {
        var crc = SspCrc.Compute(body);
        return [SspFrame.Stx, .. body, (byte)crc, (byte)(crc >> 8)];
    }

    private static byte[] FindDataWhoseCrc(Func<ushort, bool> predicate)
    {
        for (var value = 0; value < 65536; value++)
        {
            byte[] data = [(byte)(value >> 8), (byte)value];
            if (predicate(SspCrc.Compute([0x80, 0x02, .. data])))
            {
                return data;
            }
        }

        throw new InvalidOperationException("No such data.");
    }
}
