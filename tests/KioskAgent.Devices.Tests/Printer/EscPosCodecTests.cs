using KioskAgent.Devices.Printer;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.Printer;

public sealed class EscPosCodecTests
{
    [Theory]
    [InlineData(RealTimeStatusKind.Printer, "10 04 01")]
    [InlineData(RealTimeStatusKind.OfflineCause, "10 04 02")]
    [InlineData(RealTimeStatusKind.ErrorCause, "10 04 03")]
    [InlineData(RealTimeStatusKind.RollPaper, "10 04 04")]
    public void Real_time_status_requests_match_the_manual(RealTimeStatusKind kind, string expected) =>
        Assert.Equal(Hex.Bytes(expected), EscPosCommands.RealTimeStatus(kind));

    [Fact]
    public void All_ok_replies_decode_to_a_healthy_printer()
    {
        var snapshot = EscPosStatus.FromRealTime(0x12, 0x12, 0x12, 0x12).ToSnapshot();

        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Equal("Online", snapshot.State);
        Assert.Equal(PaperLevel.Ok, snapshot.Paper);
        Assert.Empty(snapshot.Errors);
    }

    [Fact]
    public void Paper_out_vector_decodes_to_error_with_paper_out()
    {
        // protocols.md: paper-out example 1A (n=1), 32 (n=2), 7E (n=4).
        var snapshot = EscPosStatus.FromRealTime(0x1A, 0x32, 0x12, 0x7E).ToSnapshot();

        Assert.Equal(DeviceHealth.Error, snapshot.Health);
        Assert.Equal(PaperLevel.Out, snapshot.Paper);
        Assert.True(snapshot.PrinterOffline);
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("paper_out", error.Code);
        Assert.Equal(RecoveryAction.Clear, error.Action);
    }

    [Theory]
    [InlineData(0x12, 0x12, 0x12, 0x1E, "paper_near_end", DeviceHealth.Warning)]
    [InlineData(0x1A, 0x16, 0x12, 0x12, "cover_open", DeviceHealth.Error)]
    [InlineData(0x1A, 0x52, 0x1A, 0x12, "cutter_error", DeviceHealth.Error)]
    [InlineData(0x1A, 0x52, 0x16, 0x12, "mechanical_error", DeviceHealth.Error)]
    [InlineData(0x1A, 0x52, 0x32, 0x12, "unrecoverable_error", DeviceHealth.Error)]
    [InlineData(0x1A, 0x52, 0x52, 0x12, "auto_recoverable_error", DeviceHealth.Warning)]
    [InlineData(0x1A, 0x12, 0x12, 0x12, "printer_offline", DeviceHealth.Error)]
    public void Each_condition_has_its_error_and_health(byte n1, byte n2, byte n3, byte n4, string code, DeviceHealth health)
    {
        var snapshot = EscPosStatus.FromRealTime(n1, n2, n3, n4).ToSnapshot();

        Assert.Equal(health, snapshot.Health);
        Assert.Contains(snapshot.Errors, e => e.Code == code);
    }

    [Fact]
    public void Emulator_side_encoding_round_trips_through_the_decoder()
    {
        foreach (var bits in Enumerable.Range(0, 1 << 10))
        {
            var status = new EscPosStatus(
                (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0,
                (bits & 32) != 0, (bits & 64) != 0, (bits & 128) != 0, (bits & 256) != 0, (bits & 512) != 0);
            var decoded = EscPosStatus.FromRealTime(
                status.ReplyTo(RealTimeStatusKind.Printer), status.ReplyTo(RealTimeStatusKind.OfflineCause),
                status.ReplyTo(RealTimeStatusKind.ErrorCause), status.ReplyTo(RealTimeStatusKind.RollPaper));
            Assert.Equal(status, decoded);
            foreach (var kind in Enum.GetValues<RealTimeStatusKind>())
            {
                Assert.True(EscPosReply.IsRealTimeByte(status.ReplyTo(kind)));
            }
        }
    }

    [Fact]
    public void Reply_reader_finds_replies_and_asb_blocks_in_every_chunking()
    {
        // A real-time reply, an ASB block (paper near end), garbage that fits neither pattern, another reply.
        var bytes = Hex.Bytes("12 10 00 03 00 FF 81 7E");
        AssertReplies(FrameFeeder.Feed(EscPosReplyReader.Instance, [bytes]));
        AssertReplies(FrameFeeder.FeedBytewise(EscPosReplyReader.Instance, bytes));
        for (var offset = 1; offset < bytes.Length; offset++)
        {
            AssertReplies(FrameFeeder.FeedSplit(EscPosReplyReader.Instance, bytes, offset));
        }

        static void AssertReplies(List<EscPosReply> replies)
        {
            Assert.Equal(3, replies.Count);
            Assert.Equal(EscPosReply.Status(0x12), replies[0]);
            Assert.True(replies[1].IsAutomaticStatus);
            Assert.True(EscPosStatus.FromAutomatic(replies[1]).PaperNearEnd);
            Assert.Equal(EscPosReply.Status(0x7E), replies[2]);
        }
    }

    [Fact]
    public void Asb_block_round_trips()
    {
        var status = new EscPosStatus(true, true, false, true, false, true, false, false, true, false);
        var block = status.AutomaticStatusBlock();
        var replies = FrameFeeder.FeedBytewise(EscPosReplyReader.Instance, block);

        var decoded = EscPosStatus.FromAutomatic(Assert.Single(replies));
        Assert.Equal(status.CoverOpen, decoded.CoverOpen);
        Assert.Equal(status.CutterError, decoded.CutterError);
        Assert.Equal(status.PaperNearEnd, decoded.PaperNearEnd);
        Assert.Equal(status.Offline, decoded.Offline);
    }

    [Fact]
    public void Pure_garbage_yields_nothing_and_is_consumed()
    {
        var garbage = Enumerable.Range(0, 256).Select(i => (byte)i)
            .Where(b => !EscPosReply.IsRealTimeByte(b) && !EscPosReply.IsAsbFirstByte(b)).ToArray();

        Assert.Empty(FrameFeeder.FeedBytewise(EscPosReplyReader.Instance, garbage));
    }
}
