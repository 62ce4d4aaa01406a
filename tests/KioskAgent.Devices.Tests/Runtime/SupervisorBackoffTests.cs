using KioskAgent.Devices.Links;
using KioskAgent.Devices.Printer.EscPos;
using KioskAgent.Devices.Runtime;
using KioskAgent.Devices.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Devices.Tests.Runtime;

/// <summary>Reconnect timing, driven by a fake clock: no sleeping, no flakiness.</summary>
public sealed class SupervisorBackoffTests
{
    [Fact]
    public async Task An_absent_port_is_retried_with_doubling_delays_up_to_the_cap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var link = new AbsentLink();
        var slot = new DeviceSlot("k1", DeviceKind.Printer, Devices.Printer.PrinterSnapshot.Unknown);
        _ = new DeviceRegistry([new KioskDevices("k1", [slot])]);
        var options = new SupervisorOptions { ReconnectDelay = TimeSpan.FromMilliseconds(500), ReconnectMaxDelay = TimeSpan.FromSeconds(4) };
        using var supervisor = new DeviceSupervisor(slot, link, new EscPosPrinterProtocol(new EscPosOptions()), null, options, time, NullLogger<DeviceSupervisor>.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => link.Attempts == 1, TimeSpan.FromSeconds(5), "first attempt");

        Assert.Equal(DeviceHealth.Offline, slot.Current.Health);
        var error = Assert.Single(slot.Current.Errors);
        Assert.Equal("link_unavailable", error.Code);
        Assert.Contains("/dev/serial/by-id/usb-gone", error.Message);

        // Delays 0.5, 1, 2, 4, 4 s: each attempt comes exactly when its delay has passed, not before.
        var expectedDelays = new[] { 0.5, 1, 2, 4, 4 };
        for (var i = 0; i < expectedDelays.Length; i++)
        {
            var attempts = link.Attempts;

            // The attempt is counted a moment before the supervisor creates its delay timer; a fake-clock advance
            // in between would be lost. Let the supervisor reach its wait first.
            await Task.Delay(200);
            time.Advance(TimeSpan.FromSeconds(expectedDelays[i]) - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.Equal(attempts, link.Attempts);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually.TrueAsync(() => link.Attempts == attempts + 1, TimeSpan.FromSeconds(5), $"attempt after {expectedDelays[i]} s");
        }

        await supervisor.StopAsync(CancellationToken.None);
    }

    private sealed class AbsentLink : IDeviceLink
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public string Description => "/dev/serial/by-id/usb-gone";

        public Task<Stream> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            throw new FileNotFoundException($"Serial port {Description} does not exist.");
        }
    }
}
