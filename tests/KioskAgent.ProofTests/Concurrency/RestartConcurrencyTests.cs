using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.ProofTests.Support;
using KioskAgent.Tests.Support;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Concurrency;

/// <summary>
/// Restarts through the HTTP API against the in-process emulators and the emulated KMtronic relay: one queue per
/// device (XFS4IoT's one command at a time), joined restarts, and status that never waits on a restart.
/// </summary>
public sealed class RestartConcurrencyTests(ITestOutputHelper output)
{
    private const int PrinterChannel = 1;
    private const int ScannerChannel = 3;

    private static string Restart(string device) => $"/api/kiosk/{AgentFactory.KioskId}/{device}/restart";

    [Fact]
    public async Task Fifty_simultaneous_restarts_of_one_device_power_cycle_it_once()
    {
        await using var agent = new ProofAgent();
        var client = agent.ClientFor(AgentFactory.Maintainer);
        await WaitOnlineAsync(client, "printer");
        var relay = agent.Hardware.Relay(AgentFactory.KioskId)!;
        var before = relay.PowerCycles(PrinterChannel);

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(10));
            using var response = await client.PostAsync(Restart("printer"), null);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return ((int)response.StatusCode, body.GetProperty("data").GetProperty("operation_id").GetString());
        })).ToArray();
        start.Set();
        var replies = await Task.WhenAll(requests);

        var cycles = relay.PowerCycles(PrinterChannel) - before;
        var operations = replies.Select(r => r.Item2).Distinct().Count();
        Figure.Print(output, "concurrent restarts", $"50 simultaneous restarts of the printer → {cycles} power cycle, {operations} operation id, "
            + $"replies {string.Join(", ", replies.GroupBy(r => r.Item1).Select(g => $"{g.Key}×{g.Count()}"))}");
        Assert.All(replies, r => Assert.Equal(200, r.Item1));
        Assert.Equal(1, operations);
        Assert.Equal(1, cycles);
    }

    [Fact]
    public async Task Status_never_fails_nor_waits_during_twenty_restarts()
    {
        await using var agent = new ProofAgent();
        var client = agent.ClientFor(AgentFactory.Maintainer);
        await WaitOnlineAsync(client, "printer");
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var pollers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var path = i % 2 == 0 ? $"/api/kiosk/{AgentFactory.KioskId}/status" : $"/api/kiosk/{AgentFactory.KioskId}/printer/status";
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path, CancellationToken.None);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                await Task.Delay(5, CancellationToken.None);
            }
        })).ToArray();

        var restartCodes = new List<int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20 && !stop.IsCancellationRequested; i++)
        {
            using var response = await client.PostAsync(Restart("printer"), null);
            restartCodes.Add((int)response.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(pollers);
        var all = latencies.ToArray();
        var fivexx = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        Figure.Print(output, "status during restarts", $"{all.Length} status requests during 20 restarts ({clock.Elapsed.TotalSeconds:0.0} s): {fivexx} 5xx, "
            + $"latency p50 {Figure.Percentile(all, 50):0.0} ms, p95 {Figure.Percentile(all, 95):0.0} ms, max {all.Max():0.0} ms");
        Assert.Equal(20, restartCodes.Count(c => c == 200));
        Assert.Equal(0, fivexx);
        Assert.True(statuses.Keys.All(k => k == 200), string.Join(", ", statuses));

        // A status that waited on a restart would take a power cycle (≥ 100 ms off + 100 ms boot); generous for a loaded CI machine.
        Assert.True(all.Max() < 1_000, $"a status request took {all.Max():0} ms");
    }

    [Fact]
    public async Task Two_devices_restarting_at_once_do_not_wait_on_each_other()
    {
        await using var agent = new ProofAgent();
        var client = agent.ClientFor(AgentFactory.Maintainer);
        await WaitOnlineAsync(client, "printer");
        await WaitOnlineAsync(client, "scanner");
        var relay = agent.Hardware.Relay(AgentFactory.KioskId)!;
        var (printerBefore, scannerBefore) = (relay.PowerCycles(PrinterChannel), relay.PowerCycles(ScannerChannel));

        var origin = Stopwatch.StartNew();
        var timed = await Task.WhenAll(new[] { "printer", "scanner" }.Select(device => Task.Run(async () =>
        {
            var started = origin.Elapsed;
            using var response = await client.PostAsync(Restart(device), null);
            return (Device: device, Status: (int)response.StatusCode, Start: started, End: origin.Elapsed);
        })));

        var overlap = (timed.Min(t => t.End) - timed.Max(t => t.Start)).TotalMilliseconds;
        var longest = timed.Max(t => (t.End - t.Start).TotalMilliseconds);
        var sum = timed.Sum(t => (t.End - t.Start).TotalMilliseconds);
        var wall = (timed.Max(t => t.End) - timed.Min(t => t.Start)).TotalMilliseconds;
        Figure.Print(output, "parallel restarts", $"printer and scanner restarted at once: {string.Join(", ", timed.Select(t => $"{t.Device} {(t.End - t.Start).TotalMilliseconds:0} ms"))}; "
            + $"overlap {overlap:0} ms, wall {wall:0} ms vs {sum:0} ms if serialised");
        Assert.All(timed, t => Assert.Equal(200, t.Status));
        Assert.Equal((printerBefore + 1, scannerBefore + 1), (relay.PowerCycles(PrinterChannel), relay.PowerCycles(ScannerChannel)));
        Assert.True(overlap > 0.5 * timed.Min(t => (t.End - t.Start).TotalMilliseconds), "the restarts ran one after the other");
        Assert.True(wall < sum, $"wall {wall:0} ms is not below the serial sum {sum:0} ms");
        Assert.True(wall < longest + 500, $"wall {wall:0} ms, longest alone {longest:0} ms");
    }

    private static async Task WaitOnlineAsync(HttpClient client, string device)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            using var response = await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/{device}/status");
            var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("state").GetString();
            if (state is "Online" or "Ready")
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the {device} was not online within 15 s");
    }
}
