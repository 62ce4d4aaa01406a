using System.Buffers;
using CsCheck;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>Random inputs: the reader finds only valid packets or asks for more, and never throws.</summary>
public sealed class SsiReaderPropertyTests
{
    [Fact]
    public void Random_bytes_give_only_valid_packets_or_need_more()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            foreach (var reader in new[] { SsiPacketReader.FromDecoder, SsiPacketReader.FromHost })
            {
                var buffer = new ReadOnlySequence<byte>(bytes);
                while (true)
                {
                    var consumed = buffer.Start;
                    var examined = buffer.End;
                    if (!reader.TryParseMessage(buffer, ref consumed, ref examined, out var packet))
                    {
                        var rest = buffer.Slice(consumed).ToArray();
                        Assert.True(rest.Length == 0 || reader.Inspect(rest, out _) == SsiFrameCheck.NeedMore);
                        break;
                    }

                    var frame = packet.Encode();
                    Assert.Equal(SsiFrameCheck.Valid, reader.Inspect(frame, out var length));
                    Assert.Equal(frame.Length, length);
                    Assert.True(buffer.Slice(0, consumed).Length >= frame.Length);
                    buffer = buffer.Slice(consumed);
                }
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Any_packet_round_trips_bytewise()
    {
        var packets = Gen.Select(Gen.Bool.Select(host => host ? SsiSource.Host : SsiSource.Decoder), Gen.Byte, Gen.Byte[0, 15], Gen.Byte.Array[0, SsiPacket.MaxDataLength]);
        packets.Sample((source, opcode, status, data) =>
        {
            var packet = new SsiPacket((SsiOpcode)opcode, source, (SsiStatus)status, data);
            var reader = source == SsiSource.Host ? SsiPacketReader.FromHost : SsiPacketReader.FromDecoder;

            Assert.Equal(packet, Assert.Single(FrameFeeder.FeedBytewise(reader, packet.Encode())));
        }, iter: 2_000);
    }

    [Fact]
    public void A_packet_after_random_garbage_is_found_almost_always()
    {
        var target = SsiPacket.FromDecoder(SsiOpcode.ReplyRevision, "R04"u8.ToArray());
        var samples = 0;
        var missed = 0;
        Gen.Byte.Array[0, 40].Sample(garbage =>
        {
            // Trailing zeros never start a packet and cover any length a garbage header claims.
            byte[] bytes = [.. garbage, .. target.Encode(), .. new byte[260]];

            var found = FrameFeeder.Feed(SsiPacketReader.FromDecoder, [bytes]);

            Interlocked.Increment(ref samples);
            if (!found.Contains(target))
            {
                // Only a garbage header with a matching checksum may swallow the packet: it is then itself valid.
                Assert.NotEmpty(found);
                Interlocked.Increment(ref missed);
            }
        }, iter: 10_000);

        Assert.True(missed * 1000 < samples, $"{missed} of {samples} packets lost behind garbage");
    }
}
