using KioskAgent.Devices.Dispenser;
using KioskAgent.Devices.Dispenser.K720;
using KioskAgent.Devices.Runtime;
using static KioskAgent.Devices.Tests.Dispenser.ScriptedDispenser;

namespace KioskAgent.Devices.Tests.Dispenser;

/// <summary>The driver's side of ACK/NAK → ENQ → reply against exact scripted answers: every bad input has an outcome.</summary>
public sealed class K720HandshakeTests
{
    private static K720Options Fast => new()
    {
        AckTimeout = TimeSpan.FromMilliseconds(80),
        ReplyTimeout = TimeSpan.FromMilliseconds(80),
        Retries = 3,
        ResetTime = TimeSpan.Zero,
    };

    private static async Task<DeviceSnapshot> ReadStatusAsync(ScriptedDispenser device, K720Options? options = null) =>
        await new K720DispenserProtocol(options ?? Fast, TimeProvider.System).ReadStatusAsync(device.Session, CancellationToken.None);

    private static async Task<DeviceFaultException> FailsAsync(ScriptedDispenser device) =>
        await Assert.ThrowsAsync<DeviceFaultException>(() => ReadStatusAsync(device));

    [Fact]
    public async Task A_clean_exchange_is_packet_ack_enq_reply()
    {
        await using var device = Start(TimeProvider.System, Healthy);

        var snapshot = Assert.IsType<DispenserSnapshot>(await ReadStatusAsync(device));

        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Equal("00", snapshot.UnitAddress);
        Assert.Equal([K720Frame.Packet(Unit00, "AP"), K720Frame.Control(K720Control.Enq, Unit00)], device.Received);
    }

    [Fact]
    public async Task A_nak_makes_the_driver_send_the_packet_again()
    {
        var naks = 1;
        await using var device = Start(TimeProvider.System, f => f.IsPacket && naks-- > 0 ? Nak() : Healthy(f));

        Assert.Equal(DeviceHealth.Healthy, (await ReadStatusAsync(device)).Health);
        Assert.Equal(2, device.Count(K720Control.Stx, "AP"));
        Assert.Equal(1, device.Count(K720Control.Enq));
    }

    [Fact]
    public async Task Naks_until_the_retries_run_out_are_device_refused()
    {
        await using var device = Start(TimeProvider.System, f => f.IsPacket ? Nak() : null);

        var fault = await FailsAsync(device);

        Assert.Equal("device_refused", fault.Code);
        Assert.Contains("NAK", fault.Message);
        Assert.Contains("4 attempts", fault.Message);
        Assert.Equal(4, device.Count(K720Control.Stx, "AP"));
        Assert.Equal(0, device.Count(K720Control.Enq));
    }

    [Fact]
    public async Task No_ack_is_resent_then_no_answer()
    {
        await using var device = Start(TimeProvider.System, _ => null);

        var fault = await FailsAsync(device);

        Assert.Equal("no_answer", fault.Code);
        Assert.Contains("ACK to AP", fault.Message);
        Assert.Equal(4, device.Count(K720Control.Stx, "AP"));
    }

    [Fact]
    public async Task An_ack_without_a_reply_is_cancelled_with_eot_and_retried()
    {
        await using var device = Start(TimeProvider.System, f => f.IsPacket ? Ack() : null);

        var fault = await FailsAsync(device);

        Assert.Equal("no_answer", fault.Code);
        Assert.Contains("acknowledged AP but sent no valid reply", fault.Message);
        Assert.Equal(4, device.Count(K720Control.Enq));
        Assert.Equal(4, device.Count(K720Control.Eot));
    }

    [Fact]
    public async Task One_lost_reply_costs_one_eot_and_one_resend()
    {
        var silentEnqs = 1;
        await using var device = Start(TimeProvider.System, f => f.Kind == K720Control.Enq && silentEnqs-- > 0 ? null : Healthy(f));

        Assert.Equal(DeviceHealth.Healthy, (await ReadStatusAsync(device)).Health);
        Assert.Equal(1, device.Count(K720Control.Eot));
        Assert.Equal(2, device.Count(K720Control.Stx, "AP"));
    }

    [Fact]
    public async Task An_ack_from_another_unit_is_rejected()
    {
        await using var device = Start(TimeProvider.System, f => f.IsPacket ? Ack(K720Address.Unit(1)) : null);

        var fault = await FailsAsync(device);

        Assert.Equal("wrong_address", fault.Code);
        Assert.Contains("Unit 01 answered AP, but the configured unit is 00", fault.Message);
        Assert.Equal(0, device.Count(K720Control.Enq)); // never told another unit to execute
    }

    [Fact]
    public async Task A_reply_from_another_unit_is_rejected()
    {
        await using var device = Start(TimeProvider.System, f => f.Kind == K720Control.Enq ? Reply("SF0000", K720Address.Unit(5)) : Healthy(f));

        var fault = await FailsAsync(device);

        Assert.Equal("wrong_address", fault.Code);
        Assert.Contains("Unit 05", fault.Message);
    }

    [Fact]
    public async Task A_reply_with_a_bad_bcc_is_dropped_and_the_command_retried()
    {
        var damaged = 2;
        await using var device = Start(TimeProvider.System, f =>
        {
            if (f.Kind != K720Control.Enq || damaged-- <= 0)
            {
                return Healthy(f);
            }

            var reply = Reply("SF0008");
            reply[^1] ^= 0xFF;
            return reply;
        });

        var snapshot = Assert.IsType<DispenserSnapshot>(await ReadStatusAsync(device));

        Assert.Equal(HopperLevel.Ok, snapshot.Hopper); // the damaged "empty" replies were never believed
        Assert.Equal(3, device.Count(K720Control.Stx, "AP"));
        Assert.Equal(2, device.Count(K720Control.Eot));
    }

    [Fact]
    public async Task Replies_that_are_always_damaged_end_in_no_answer()
    {
        await using var device = Start(TimeProvider.System, f => f.Kind == K720Control.Enq ? Reply("SF0000")[..^3] : Healthy(f));

        var fault = await FailsAsync(device);

        Assert.Equal("no_answer", fault.Code);
        Assert.Equal(4, device.Count(K720Control.Stx, "AP"));
    }

    [Fact]
    public async Task Garbage_between_frames_and_a_stale_reply_are_skipped()
    {
        byte[] noise = [0xFF, 0x00, 0x06, 0x41, 0x7E];
        await using var device = Start(TimeProvider.System, f => f.Kind switch
        {
            K720Control.Stx => [.. noise, .. Reply("SF0008"), .. noise, .. Ack(), .. noise],
            K720Control.Enq => [.. noise, .. Reply("SF0010"), .. noise],
            _ => null,
        });

        var snapshot = Assert.IsType<DispenserSnapshot>(await ReadStatusAsync(device));

        Assert.Equal(HopperLevel.Low, snapshot.Hopper); // from the reply after ENQ, not the stale "empty" before the ACK
        Assert.Equal(1, device.Count(K720Control.Stx, "AP"));
    }

    [Fact]
    public async Task A_reply_that_is_not_a_status_is_a_protocol_error()
    {
        await using var device = Start(TimeProvider.System, f => f.Kind == K720Control.Enq ? Reply("SX0000") : Healthy(f));

        var fault = await FailsAsync(device);

        Assert.Equal("protocol_error", fault.Code);
        Assert.Contains("\"SX0000\"", fault.Message);
    }

    [Fact]
    public async Task A_lost_link_ends_the_command_at_once_without_retries()
    {
        ScriptedDispenser? device = null;
        device = Start(TimeProvider.System, _ =>
        {
            device!.Unplug();
            return null;
        });
        await using var _ = device;
        var started = System.Diagnostics.Stopwatch.StartNew();

        var fault = await FailsAsync(device);

        Assert.Equal("link_lost", fault.Code);
        Assert.True(started.Elapsed < TimeSpan.FromMilliseconds(300), $"took {started.Elapsed}: no retry waits on a dead link");
        Assert.Equal(1, device.Count(K720Control.Stx));
    }

    [Fact]
    public async Task Each_connection_starts_with_eot_and_reads_the_version()
    {
        await using var device = Start(TimeProvider.System, Answering(command => command == "GV" ? " V2.31 " : "SF0000"));
        var protocol = new K720DispenserProtocol(Fast, TimeProvider.System);

        await protocol.InitializeAsync(device.Session, CancellationToken.None);
        var snapshot = Assert.IsType<DispenserSnapshot>(await protocol.ReadStatusAsync(device.Session, CancellationToken.None));

        Assert.Equal(K720Frame.Control(K720Control.Eot, Unit00), device.Received[0]);
        Assert.Equal("V2.31", snapshot.Version);
    }

    [Fact]
    public async Task A_unit_without_a_version_command_is_still_read()
    {
        await using var device = Start(TimeProvider.System, f => f is { IsPacket: true, Text: "GV" } ? Nak() : Healthy(f));
        var protocol = new K720DispenserProtocol(Fast, TimeProvider.System);

        await protocol.InitializeAsync(device.Session, CancellationToken.None);
        var snapshot = Assert.IsType<DispenserSnapshot>(await protocol.ReadStatusAsync(device.Session, CancellationToken.None));

        Assert.Null(snapshot.Version);
        Assert.Equal(DeviceHealth.Healthy, snapshot.Health);
        Assert.Equal(1, device.Count(K720Control.Stx, "GV")); // one attempt: no retries for a nicety
    }
}
