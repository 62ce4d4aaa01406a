using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tests.Support;
using KioskAgent.Simulator.Scanner;

namespace KioskAgent.Devices.Tests.Scanner;

/// <summary>Continued (multi-packet) decoder messages: split on the decoder's side, joined on the host's.</summary>
public sealed class SsiMultiPacketTests
{
    [Fact]
    public void The_specimen_mrz_splits_into_continued_packets_and_joins_back()
    {
        var text = MrzSpecimen.Text();
        var packets = SsiDecodeData.Split(SsiDecodeData.OcrB, System.Text.Encoding.ASCII.GetBytes(text), maxDataPerPacket: 32);

        Assert.Equal(3, packets.Count);
        Assert.All(packets.SkipLast(1), p => Assert.True(p.IsContinued));
        Assert.False(packets[^1].IsContinued);
        Assert.All(packets, p => Assert.Equal(SsiDecodeData.OcrB, p.Data[0]));

        var wire = packets.SelectMany(p => p.Encode()).ToArray();
        var assembler = new SsiMessageAssembler();
        var messages = FrameFeeder.FeedBytewise(SsiPacketReader.FromDecoder, wire).Select(assembler.Add).Where(m => m is not null).ToList();

        var code = SsiDecodeData.Join(Assert.Single(messages)!);
        Assert.Equal("ocr_b", code.Symbology);
        Assert.Equal(text, code.Text);
    }

    [Fact]
    public void A_retransmitted_part_is_taken_once()
    {
        var parts = SsiDecodeData.Split(SsiDecodeData.Code128, "ABCDEFGH"u8, maxDataPerPacket: 5);
        var assembler = new SsiMessageAssembler();

        Assert.Null(assembler.Add(parts[0]));
        Assert.Null(assembler.Add(parts[0].AsRetransmission())); // our ACK was lost: the decoder sent it again
        var message = assembler.Add(parts[1]);

        Assert.Equal("ABCDEFGH", SsiDecodeData.Join(message!).Text);
    }

    [Fact]
    public void A_first_packet_seen_only_as_a_retransmission_is_kept()
    {
        var packet = SsiDecodeData.Split(SsiDecodeData.Code128, "XY"u8)[0].AsRetransmission();

        Assert.Equal("XY", SsiDecodeData.Join(new SsiMessageAssembler().Add(packet)!).Text);
    }

    [Fact]
    public void Another_opcode_in_the_middle_abandons_the_partial_message()
    {
        var first = SsiDecodeData.Split(SsiDecodeData.Code128, "ABCDEFGH"u8, maxDataPerPacket: 5)[0];
        var assembler = new SsiMessageAssembler();

        assembler.Add(first);
        var other = assembler.Add(SsiPacket.FromDecoder(SsiOpcode.Event, 0x13));

        Assert.Equal(SsiOpcode.Event, Assert.Single(other!).Opcode);
        Assert.Equal(0, assembler.PendingParts);
    }

    [Fact]
    public void A_message_that_never_ends_is_refused_at_the_limit()
    {
        var assembler = new SsiMessageAssembler();
        var chunk = new SsiPacket(SsiOpcode.DecodeData, SsiSource.Decoder, SsiStatus.Continuation, new byte[SsiPacket.MaxDataLength]);

        Assert.Throws<InvalidDataException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                assembler.Add(chunk with { Data = [.. chunk.Data[..^1], (byte)i] });
            }
        });
    }

    [Fact]
    public void Decode_data_without_a_code_type_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => SsiDecodeData.Join([SsiPacket.FromDecoder(SsiOpcode.DecodeData)]));
        Assert.Throws<InvalidDataException>(() => SsiDecodeData.Join([]));
    }

    [Fact]
    public void The_specimen_mrz_has_the_icao_check_digits()
    {
        var line2 = MrzSpecimen.Line2;

        Assert.Equal(44, MrzSpecimen.Line1.Length);
        Assert.Equal(44, line2.Length);
        Assert.Equal(line2[9] - '0', MrzSpecimen.CheckDigit(line2.AsSpan(0, 9)));   // document number
        Assert.Equal(line2[19] - '0', MrzSpecimen.CheckDigit(line2.AsSpan(13, 6))); // birth date
        Assert.Equal(line2[27] - '0', MrzSpecimen.CheckDigit(line2.AsSpan(21, 6))); // expiry date
        var composite = string.Concat(line2.AsSpan(0, 10), line2.AsSpan(13, 7), line2.AsSpan(21, 22));
        Assert.Equal(line2[43] - '0', MrzSpecimen.CheckDigit(composite));
    }
}
