using KioskAgent.Devices.Power.Kmtronic;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Power;

public sealed class KmtronicFrameTests
{
    [Fact]
    public void Commands_match_the_manual()
    {
        Assert.Equal(Hex.Bytes("FF 01 01"), KmtronicFrame.Switch(1, on: true));
        Assert.Equal(Hex.Bytes("FF 01 00"), KmtronicFrame.Switch(1, on: false));
        Assert.Equal(Hex.Bytes("FF 01 03"), KmtronicFrame.RequestStatus(1));
    }

    [Fact]
    public void Replies_are_found_in_every_chunking_and_around_garbage()
    {
        var bytes = Hex.Bytes("00 FF FF 02 01 13 FF 09 07 FF 03 00");
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            var frames = FrameFeeder.FeedSplit(KmtronicFrameReader.Replies, bytes, offset);
            Assert.Equal([new KmtronicFrame(2, 1), new KmtronicFrame(3, 0)], frames);
        }

        Assert.Equal([new KmtronicFrame(2, 1), new KmtronicFrame(3, 0)], FrameFeeder.FeedBytewise(KmtronicFrameReader.Replies, bytes));
    }

    [Fact]
    public void A_status_request_is_a_command_but_not_a_reply()
    {
        var bytes = Hex.Bytes("FF 01 03");

        Assert.Single(FrameFeeder.FeedBytewise(KmtronicFrameReader.Commands, bytes));
        Assert.Empty(FrameFeeder.FeedBytewise(KmtronicFrameReader.Replies, bytes));
    }
}
