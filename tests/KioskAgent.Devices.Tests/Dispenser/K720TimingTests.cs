using KioskAgent.Devices.Dispenser.K720;
using Microsoft.Extensions.Time.Testing;
using static KioskAgent.Devices.Tests.Dispenser.ScriptedDispenser;

namespace KioskAgent.Devices.Tests.Dispenser;

/// <summary>The manual's timing, enforced by the driver on the injected clock (a fake one here: no sleeping for it).</summary>
public sealed class K720TimingTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_second_status_check_waits_200_ms_after_the_first_ended()
    {
        var clock = new FakeTimeProvider();
        await using var device = Start(clock, Healthy);
        var protocol = new K720DispenserProtocol(new K720Options { PollInterval = TimeSpan.FromMilliseconds(1) }, clock);
        await protocol.ReadStatusAsync(device.Session, CancellationToken.None);

        var second = protocol.ReadStatusAsync(device.Session, CancellationToken.None);
        await Task.Delay(Settle);
        Assert.Equal(1, device.Count(K720Control.Stx, "AP"));

        clock.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Delay(Settle);
        Assert.Equal(1, device.Count(K720Control.Stx, "AP"));
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, device.Count(K720Control.Stx, "AP"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), clock.GetElapsedTime(device.ArrivalTimes[1], device.ArrivalTimes[2]));
    }

    [Fact]
    public async Task A_reset_lasts_the_reset_time_and_nothing_is_sent_meanwhile()
    {
        var clock = new FakeTimeProvider();
        await using var device = Start(clock, Answering(command => command == "AP" ? "SF0000" : null));
        var protocol = new K720DispenserProtocol(new K720Options { ResetTime = TimeSpan.FromSeconds(2) }, clock);

        var reset = protocol.SoftResetAsync(device.Session, CancellationToken.None);
        await Eventually(() => device.Received.Count == 2);
        Assert.Equal([K720Frame.Packet(Unit00, "RS"), K720Frame.Control(K720Control.Enq, Unit00)], device.Received);
        await Task.Delay(Settle); // let the driver start its wait on the fake clock

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(Settle);
        Assert.False(reset.IsCompleted); // RS has no reply: it is finished when the reset time is over

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await reset.WaitAsync(TimeSpan.FromSeconds(5));
        await protocol.ReadStatusAsync(device.Session, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(K720Frame.Packet(Unit00, "AP"), device.Received[2]);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.GetElapsedTime(device.ArrivalTimes[1], device.ArrivalTimes[2]));
    }

    [Fact]
    public async Task Enq_is_sent_only_after_the_ack_and_the_next_packet_only_after_the_reply()
    {
        var clock = new FakeTimeProvider();
        await using var device = Start(clock, f => f.IsPacket ? Ack() : null);
        var protocol = new K720DispenserProtocol(new K720Options(), clock);

        var first = protocol.ReadStatusAsync(device.Session, CancellationToken.None);
        await Eventually(() => device.Count(K720Control.Enq) == 1);
        await Task.Delay(Settle);

        Assert.Equal(2, device.Received.Count); // packet, ENQ, and then nothing while the reply is outstanding
        Assert.False(first.IsCompleted);
    }

    private static Task Eventually(Func<bool> condition) =>
        Support.Eventually.TrueAsync(condition, TimeSpan.FromSeconds(5), "the scripted device saw the frame");
}
