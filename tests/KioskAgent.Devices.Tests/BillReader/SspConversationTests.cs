using KioskAgent.Devices.BillReader;
using KioskAgent.Devices.BillReader.Ssp;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;

namespace KioskAgent.Devices.Tests.BillReader;

/// <summary>The host side of the exchange and the driver's outcome for every kind of answer, against scripted peers.</summary>
public sealed class SspConversationTests
{
    // Generous: a cold start (JIT, 2 shared cores) must not pass for a lost reply.
    private static readonly SspOptions Options = new() { ReplyTimeout = TimeSpan.FromMilliseconds(500), Retries = 2 };

    [Fact]
    public async Task A_lost_reply_is_asked_for_again_with_the_identical_packet()
    {
        var polls = 0;
        await using var peer = new ScriptedSspPeer(frame =>
            (SspCommand)frame.Data[0] == SspCommand.Poll && ++polls == 1 ? null : ScriptedSspPeer.Reply(frame, 0xF0, 0xE8));
        var conversation = new SspConversation(Options, TimeProvider.System);

        await conversation.SyncAsync(peer.Session, CancellationToken.None);
        var reply = await conversation.SendAsync(peer.Session, SspCommand.Poll, CancellationToken.None);

        Assert.Equal("F0E8", Hex.Of(reply));
        var sent = peer.Received.Where(f => (SspCommand)f.Data[0] == SspCommand.Poll).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(Hex.Of(sent[0].Encode()), Hex.Of(sent[1].Encode()));
        Assert.False(sent[0].SequenceFlag); // the first packet after SYNC carries flag 0
    }

    [Fact]
    public async Task The_flag_toggles_per_new_command_and_sync_uses_the_configured_flag()
    {
        await using var peer = new ScriptedSspPeer(frame => ScriptedSspPeer.Reply(frame, 0xF0));
        var conversation = new SspConversation(Options, TimeProvider.System);

        await conversation.SyncAsync(peer.Session, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await conversation.SendAsync(peer.Session, SspCommand.Poll, CancellationToken.None);
        }

        await conversation.SyncAsync(peer.Session, CancellationToken.None);
        await conversation.SendAsync(peer.Session, SspCommand.Poll, CancellationToken.None);

        Assert.Equal("80 00 80 00 80 00", string.Join(' ', peer.Received.Select(f => f.SeqId.ToString("X2"))));
    }

    [Fact]
    public async Task A_reply_with_the_wrong_sequence_flag_is_skipped()
    {
        await using var peer = new ScriptedSspPeer(frame => (SspCommand)frame.Data[0] == SspCommand.Poll
            ? [.. SspFrame.Encode((byte)(frame.SeqId ^ 0x80), [0xF0, 0xE7]), .. ScriptedSspPeer.Reply(frame, 0xF0, 0xE8)]
            : ScriptedSspPeer.Reply(frame, 0xF0));
        var conversation = new SspConversation(Options, TimeProvider.System);

        await conversation.SyncAsync(peer.Session, CancellationToken.None);

        Assert.Equal("F0E8", Hex.Of(await conversation.SendAsync(peer.Session, SspCommand.Poll, CancellationToken.None)));
    }

    [Fact]
    public async Task Only_wrong_sequence_replies_are_no_answer_after_every_resend()
    {
        await using var peer = new ScriptedSspPeer(frame => SspFrame.Encode((byte)(frame.SeqId ^ 0x80), [0xF0]));
        var conversation = new SspConversation(Options, TimeProvider.System);

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => conversation.SyncAsync(peer.Session, CancellationToken.None));

        Assert.Equal("no_answer", fault.Code);
        Assert.Contains("3 attempts", fault.Message, StringComparison.Ordinal);
        Assert.Equal(3, peer.Received.Count);
    }

    [Theory]
    [InlineData("F2", "device_refused")]
    [InlineData("F3", "device_refused")]
    [InlineData("F4", "device_refused")]
    [InlineData("42", "protocol_error")]
    [InlineData("F0 EE", "protocol_error")] // the credit's channel byte is missing
    public async Task A_poll_answer_that_is_not_a_status_faults_with_its_code(string pollReply, string code)
    {
        var protocol = new SspBillReaderProtocol(Options);
        await using var peer = new ScriptedSspPeer(frame => ScriptedSspPeer.Identity(frame) ?? ScriptedSspPeer.Reply(frame, Hex.Bytes(pollReply)));
        await protocol.InitializeAsync(peer.Session, CancellationToken.None);

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => protocol.ReadStatusAsync(peer.Session, CancellationToken.None));
        Assert.Equal(code, fault.Code);
    }

    [Theory]
    [InlineData("F5", DeviceHealth.Busy, null)]
    [InlineData("F6", DeviceHealth.Error, "software_error")]
    [InlineData("F8", DeviceHealth.Error, "command_failed")]
    [InlineData("F0 E8 99 E7", DeviceHealth.Healthy, null)] // unknown event: what came before it counts, the rest is skipped
    public async Task A_poll_answer_from_a_troubled_reader_is_a_status(string pollReply, DeviceHealth health, string? code)
    {
        var protocol = new SspBillReaderProtocol(Options);
        await using var peer = new ScriptedSspPeer(frame => ScriptedSspPeer.Identity(frame) ?? ScriptedSspPeer.Reply(frame, Hex.Bytes(pollReply)));
        await protocol.InitializeAsync(peer.Session, CancellationToken.None);

        var snapshot = Assert.IsType<BillReaderSnapshot>(await protocol.ReadStatusAsync(peer.Session, CancellationToken.None));

        Assert.Equal(health, snapshot.Health);
        Assert.Equal(code, snapshot.Errors.SingleOrDefault()?.Code);
        Assert.Equal("42", snapshot.SerialNumber);
        Assert.Equal("NV0200", snapshot.Firmware);
        Assert.Equal("EUR", snapshot.Setup?.CountryCode);
    }

    [Fact]
    public async Task Identity_a_reader_does_not_know_stays_unknown()
    {
        var protocol = new SspBillReaderProtocol(Options);
        await using var peer = new ScriptedSspPeer(frame => (SspCommand)frame.Data[0] switch
        {
            SspCommand.Sync => ScriptedSspPeer.Reply(frame, 0xF0),
            SspCommand.Poll => ScriptedSspPeer.Reply(frame, 0xF0, 0xE8),
            _ => ScriptedSspPeer.Reply(frame, 0xF2),
        });
        await protocol.InitializeAsync(peer.Session, CancellationToken.None);

        var snapshot = Assert.IsType<BillReaderSnapshot>(await protocol.ReadStatusAsync(peer.Session, CancellationToken.None));
        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Null(snapshot.SerialNumber);
        Assert.Null(snapshot.Firmware);
        Assert.Null(snapshot.Setup);
    }

    [Theory]
    [InlineData(SspCommand.SetupRequest, "F0 00 45")]
    [InlineData(SspCommand.SerialNumber, "F0 01 02")]
    [InlineData(SspCommand.Firmware, "F0 01 02 03")]
    public async Task A_malformed_identity_reply_is_a_protocol_error(SspCommand command, string reply)
    {
        var protocol = new SspBillReaderProtocol(Options);
        await using var peer = new ScriptedSspPeer(frame => (SspCommand)frame.Data[0] == command
            ? ScriptedSspPeer.Reply(frame, Hex.Bytes(reply))
            : ScriptedSspPeer.Identity(frame));

        var fault = await Assert.ThrowsAsync<DeviceFaultException>(() => protocol.InitializeAsync(peer.Session, CancellationToken.None));
        Assert.Equal("protocol_error", fault.Code);
    }

    [Fact]
    public async Task A_refused_sync_or_reset_is_device_refused()
    {
        var protocol = new SspBillReaderProtocol(Options);
        await using var refusesSync = new ScriptedSspPeer(frame => ScriptedSspPeer.Reply(frame, 0xF8));
        Assert.Equal("device_refused", (await Assert.ThrowsAsync<DeviceFaultException>(() => protocol.InitializeAsync(refusesSync.Session, CancellationToken.None))).Code);

        await using var refusesReset = new ScriptedSspPeer(frame => ScriptedSspPeer.Reply(frame, (SspCommand)frame.Data[0] == SspCommand.Reset ? (byte)0xF5 : (byte)0xF0));
        Assert.Equal("device_refused", (await Assert.ThrowsAsync<DeviceFaultException>(() => protocol.SoftResetAsync(refusesReset.Session, CancellationToken.None))).Code);
    }
}
