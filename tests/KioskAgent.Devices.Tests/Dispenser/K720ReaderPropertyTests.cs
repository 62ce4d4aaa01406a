using System.Text;
using CsCheck;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Dispenser;

public sealed class K720ReaderPropertyTests
{
    /// <summary>Bytes rich in what the reader reacts to (control bytes, digits, small lengths), plus anything else.</summary>
    private static readonly Gen<byte> WireByte = Gen.OneOf(Gen.Byte, Gen.OneOf<byte>(0x02, 0x03, 0x04, 0x05, 0x06, 0x15, 0x00, 0x30, 0x31, 0x39));

    /// <summary>Bytes that cannot start a reply frame: garbage the reader must skip.</summary>
    private static readonly Gen<byte> Noise = Gen.Byte.Where(b => b is not (0x02 or 0x06 or 0x15));

    [Fact]
    public void Random_bytes_in_random_chunks_yield_only_frames_that_were_sent_whole()
    {
        var gen = Gen.Select(WireByte.Array[0, 80], Gen.Int[1, 8]);
        gen.Sample((bytes, chunk) =>
        {
            foreach (var reader in new[] { K720FrameReader.Replies, K720FrameReader.Commands })
            {
                foreach (var frame in FrameFeeder.Feed(reader, bytes.Chunk(chunk)))
                {
                    Assert.True(Contains(bytes, frame.Encode()), $"{frame} was not in the input as a whole");
                }
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Any_packet_behind_noise_is_read_back_unchanged()
    {
        var text = Gen.Byte.Array[0, 40].Select(b => Encoding.Latin1.GetString(b));
        var gen = Gen.Select(Gen.Int[0, 99], text, Noise.Array[0, 20], Gen.Int[1, 6]);
        gen.Sample((unit, body, noise, chunk) =>
        {
            var frame = K720Frame.Packet(K720Address.Unit(unit), body);
            var bytes = noise.Concat(frame.Encode()).Concat(noise).ToArray();

            Assert.Equal([frame], FrameFeeder.Feed(K720FrameReader.Replies, bytes.Chunk(chunk)));
        }, iter: 10_000);
    }

    [Fact]
    public void Status_bytes_round_trip_through_the_reply_text()
    {
        foreach (var bits in Enumerable.Range(0, 1 << 15))
        {
            var flags = Enumerable.Range(0, 15).Select(i => (bits & (1 << i)) != 0).ToArray();
            var status = new K720Status(
                flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6], flags[7],
                flags[8], flags[9], flags[10], flags[11], flags[12], flags[13], flags[14]);

            Assert.True(K720Status.TryDecode(status.ToReplyText(), out var decoded));
            Assert.Equal(status, decoded);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }
}
