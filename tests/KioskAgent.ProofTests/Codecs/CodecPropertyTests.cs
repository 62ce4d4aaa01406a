using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Scanner.Ssi;
using KioskAgent.Devices.Tpv.Zvt;
using KioskAgent.ProofTests.Support;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Codecs;

/// <summary>100,000 generated streams per codec reader: only the codec's own results, nothing slow.</summary>
public sealed class CodecPropertyTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;

    /// <summary>
    /// The 1 ms budget, applied to the re-timed slow inputs (a call over 1 ms in the parallel run is parsed again alone, best of
    /// five): a single measurement on two shared cores includes GC pauses and preemption. Generous ×5 so CI noise cannot fail it.
    /// </summary>
    private const double MaxRetimedMsBound = 5;

    [Fact]
    public void EscPos_reply_reader() => Check(new Codec<EscPosReply>(
        "ESC/POS replies",
        EscPosReplyReader.Instance,
        c => c[0] % 2 == 0
            ? [(byte)((c[0] & 0x6C) | 0x12)]
            : [(byte)((c[0] & 0x6C) | 0x10), (byte)(At(c, 1) & 0x6F), (byte)(At(c, 2) & 0x6F), (byte)(At(c, 3) & 0x6F)],
        m => m.IsAutomaticStatus ? [m.AsbByte(0), m.AsbByte(1), m.AsbByte(2), m.AsbByte(3)] : [m.RealTime],
        m => m.IsAutomaticStatus
            ? EscPosReply.IsAsbFirstByte(m.AsbByte(0)) && EscPosReply.IsAsbTrailingByte(m.AsbByte(1)) && EscPosReply.IsAsbTrailingByte(m.AsbByte(2)) && EscPosReply.IsAsbTrailingByte(m.AsbByte(3))
            : EscPosReply.IsRealTimeByte(m.RealTime)),
        maxContent: 4);

    [Fact]
    public void Kmtronic_reply_reader() => Check(new Codec<KmtronicFrame>(
        "KMtronic replies",
        KmtronicFrameReader.Replies,
        c => [KmtronicFrame.Start, (byte)(1 + (c[0] % KmtronicFrame.MaxChannel)), (byte)(At(c, 1) % 2)],
        m => [KmtronicFrame.Start, m.Channel, m.Value],
        m => m.Channel is >= 1 and <= KmtronicFrame.MaxChannel && m.Value is KmtronicFrame.Off or KmtronicFrame.On),
        maxContent: 2);

    [Fact]
    public void Ssi_packet_reader() => Check(new Codec<SsiPacket>(
        "SSI packets",
        SsiPacketReader.FromDecoder,
        c => new SsiPacket((SsiOpcode)c[0], SsiSource.Decoder, (SsiStatus)(At(c, 1) & 0x0F), c.Length > 2 ? c[2..] : []).Encode(),
        m => m.Encode(),
        m => SsiPacketReader.FromDecoder.Inspect(m.Encode(), out _) == SsiFrameCheck.Valid && m.Source == SsiSource.Decoder),
        maxContent: 40);

    [Fact]
    public void Zvt_block_reader() => Check(new Codec<ZvtBlock>(
        "ZVT blocks",
        ZvtBlockReader.Default,
        c => (c[0] % 5) switch
        {
            0 => [(byte)ZvtLinkByte.Ack],
            1 => [(byte)ZvtLinkByte.Nak],
            _ => ZvtFrame.Encode(c[1..], ZvtFraming.Default),
        },
        m => m.Kind switch
        {
            ZvtBlockKind.Ack => [(byte)ZvtLinkByte.Ack],
            ZvtBlockKind.Nak => [(byte)ZvtLinkByte.Nak],
            ZvtBlockKind.Frame => ZvtFrame.Encode(m.Apdu, ZvtFraming.Default),
            _ => null, // CorruptFrame: the documented outcome of a complete block with a wrong CRC (answered NAK)
        },
        m => m.Kind != ZvtBlockKind.Frame || m.Apdu.Length <= ZvtBlockReader.MaxApduLength),
        maxContent: 40);

    [Fact]
    public void Ssp_frame_reader() => Check(new Codec<SspFrame>(
        "SSP frames",
        SspFrameReader.Instance,
        c => SspFrame.Encode(c[0], c.Length > 1 ? c[1..] : [0x11]),
        m => m.Encode(),
        m => m.Data.Length is >= 1 and <= SspFrame.MaxDataLength),
        maxContent: 40);

    [Fact]
    public void K720_reply_reader() => Check(new Codec<K720Frame>(
        "K720 replies",
        K720FrameReader.Replies,
        c => ((c[0] % 4) switch
        {
            0 => K720Frame.Control(K720Control.Ack, K720Address.Unit(At(c, 1) % 16)),
            1 => K720Frame.Control(K720Control.Nak, K720Address.Unit(At(c, 1) % 16)),
            _ => K720Frame.Packet(K720Address.Unit(At(c, 1) % 16), System.Text.Encoding.Latin1.GetString(c.Length > 2 ? c[2..] : [])),
        }).Encode(),
        m => m.Encode(),
        m => m.Kind is K720Control.Stx or K720Control.Ack or K720Control.Nak && K720Address.IsDigit(m.Address.High) && K720Address.IsDigit(m.Address.Low)),
        maxContent: 40);

    private static byte At(byte[] content, int index) => index < content.Length ? content[index] : (byte)index;

    private void Check<T>(Codec<T> codec, int maxContent)
    {
        var figures = CodecHarness.Run(codec, Inputs, maxContent);
        Figure.Print(output, "codec property", $"{codec.Name}: {figures.Inputs} inputs ({figures.BytesFed} bytes, {figures.Calls} calls), "
            + $"{figures.Bad} bad frames accepted, {figures.ValidFound}/{figures.ValidInserted} inserted valid frames returned, "
            + $"{figures.DocumentedOther} documented non-frame outcomes; slowest call {figures.MaxCallMs:0.000} ms in the run, "
            + $"{figures.Retimed} inputs over 1 ms re-timed alone: slowest {figures.MaxRetimedMs * 1000:0.0} µs");
        Assert.Equal(Inputs, figures.Inputs);
        Assert.Equal(0, figures.Bad);
        Assert.True(figures.ValidFound > 0, "no valid frame was ever returned: the property would prove nothing");
        Assert.True(figures.MaxRetimedMs < MaxRetimedMsBound, $"{codec.Name}: one call takes {figures.MaxRetimedMs:0.0} ms even alone");
    }
}
