using System.Net;
using KioskAgent.Devices;
using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;
using KioskAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAgent.Tests;

/// <summary>The host CPU from fixture /proc and /sys files: parsing, usage between samples, thresholds, Offline, and the route.</summary>
public sealed class CpuTests
{
    private static readonly CpuMonitorOptions Defaults = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void ReadsTheFixtureHost()
    {
        var sample = new HostStatsReader(AgentFactory.FixtureRoot("host-normal")).Read();

        Assert.Equal(new CpuTimes(95_200, 81_500, 2), sample.Cpu);
        Assert.Equal(new LoadAverage(0.42, 0.37, 0.30), sample.Load);
        Assert.Equal(8_000_000L * 1024, sample.Memory.TotalBytes);
        Assert.Equal(6_000_000L * 1024, sample.Memory.AvailableBytes);
        Assert.Equal(25.0, sample.Memory.UsedPercent, 3);
        Assert.Equal(52.5, sample.TemperatureC); // the hotter of two zones
    }

    [Fact]
    public void UsageIsTheBusyShareBetweenTwoSamples()
    {
        var first = new HostStatsReader(AgentFactory.FixtureRoot("host-normal")).Read();
        var later = first with { Cpu = ProcFormats.ParseStat(File.ReadAllText(AgentFactory.FixtureRoot("stat-later"))) };

        var snapshot = CpuAssessment.Assess(later, first, Defaults, Now, "/proc");

        Assert.Equal(75.0, snapshot.UsagePercent); // 1000 ticks, 250 of them idle
        Assert.Null(CpuAssessment.Assess(first, null, Defaults, Now, "/proc").UsagePercent);
        Assert.Null(first.Cpu.UsageSince(first.Cpu));
    }

    [Theory]
    [InlineData(50, 25, 40, DeviceHealth.Healthy, "Normal", new string[0])]
    [InlineData(86, 25, 40, DeviceHealth.Warning, "High", new[] { "cpu_usage_high" })]
    [InlineData(50, 90, 40, DeviceHealth.Warning, "High", new[] { "memory_usage_high" })]
    [InlineData(96, 90, 40, DeviceHealth.Error, "Critical", new[] { "cpu_usage_critical", "memory_usage_high" })]
    [InlineData(50, 25, 97, DeviceHealth.Error, "Critical", new[] { "temperature_critical" })]
    public void ThresholdsDecideTheState(double usage, double memoryPercent, double temperature, DeviceHealth health, string word, string[] codes)
    {
        var before = new HostSample(new CpuTimes(0, 0, 1), new LoadAverage(0, 0, 0), new MemoryFigures(1000, 1000), null);
        var busy = (ulong)Math.Round(usage * 10);
        var after = new HostSample(
            new CpuTimes(1000, 1000 - busy, 1),
            new LoadAverage(1, 1, 1),
            new MemoryFigures(1000, (long)Math.Round(1000 - memoryPercent * 10)),
            temperature);

        var snapshot = CpuAssessment.Assess(after, before, Defaults, Now, "/proc");

        Assert.Equal(health, snapshot.Health);
        Assert.Equal(word, snapshot.State);
        Assert.Equal(codes, snapshot.Errors.Select(e => e.Code));
        Assert.All(snapshot.Errors, e => Assert.Equal(RecoveryAction.Maintenance, e.Action));
    }

    [Fact]
    public void HostWithoutProcPublishesOfflineNamingTheFile()
    {
        var empty = Directory.CreateTempSubdirectory("no-proc-");
        try
        {
            var registry = new DeviceRegistry([new KioskDevices("k1", [CpuMonitor.CreateSlot("k1")]), new KioskDevices("k2", [CpuMonitor.CreateSlot("k2")])]);
            var monitor = new CpuMonitor(registry, new CpuMonitorOptions { Root = empty.FullName }, TimeProvider.System, NullLogger<CpuMonitor>.Instance);
            monitor.SampleOnce();

            foreach (var kiosk in new[] { "k1", "k2" })
            {
                var snapshot = registry.Slot(kiosk, DeviceKind.Cpu).Current;
                Assert.Equal("Offline", snapshot.State);
                var error = Assert.Single(snapshot.Errors);
                Assert.Equal("host_stats_unavailable", error.Code);
                Assert.Contains(Path.Combine(empty.FullName, "proc/stat"), error.Message);
            }
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("intr 1 2 3\n")]
    [InlineData("cpu  a b c d\n")]
    [InlineData("cpu  1 2\n")]
    public void MalformedStatIsAFormatError(string text) => Assert.Throws<FormatException>(() => ProcFormats.ParseStat(text));

    [Theory]
    [InlineData("MemTotal: 100 kB\n")]
    [InlineData("MemTotal: 100 kB\nMemAvailable: 200 kB\n")]
    public void ImplausibleMeminfoIsAFormatError(string text) => Assert.Throws<FormatException>(() => ProcFormats.ParseMemInfo(text));

    [Theory]
    [InlineData("47000\n", 47.0)]
    [InlineData("0\n", null)]
    [InlineData("-273000\n", null)]
    [InlineData("garbage", null)]
    public void ThermalZoneValues(string text, double? celsius) => Assert.Equal(celsius, ProcFormats.ParseMillidegrees(text));

    [Fact]
    public async Task CpuStatusRouteShowsTheFixtureFigures()
    {
        await using var agent = new AgentFactory();
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/cpu/status");
        var data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal("Normal", data.GetProperty("state").GetString());
        Assert.Equal("connected", data.GetProperty("connection").GetProperty("status").GetString());
        Assert.Equal("procfs", data.GetProperty("connection").GetProperty("protocol").GetString());
        Assert.Equal(2, data.GetProperty("cores").GetInt32());
        Assert.Equal(0.42, data.GetProperty("load_1m").GetDouble());
        Assert.Equal(0.30, data.GetProperty("load_15m").GetDouble());
        Assert.Equal(8_192_000_000, data.GetProperty("memory_total_bytes").GetInt64());
        Assert.Equal(25.0, data.GetProperty("memory_used_percent").GetDouble());
        Assert.Equal(52.5, data.GetProperty("temperature_c").GetDouble());
        Assert.Equal(0, data.GetProperty("errors").GetArrayLength());
        Assert.True(data.TryGetProperty("observed_at", out _));
    }

    [Fact]
    public async Task HotHostReadsCriticalInKioskStatus()
    {
        await using var agent = AgentFactory.With(new Dictionary<string, string?> { ["Cpu:Root"] = AgentFactory.FixtureRoot("host-hot") });
        using var client = agent.ClientFor(AgentFactory.Reader);
        using var status = await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        Assert.Equal("Critical", (await status.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty("cpu").GetString());

        using var detail = await client.GetAsync($"/api/kiosk/{AgentFactory.KioskId}/cpu/status");
        var errors = (await detail.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty("errors");
        Assert.Equal(["memory_usage_high", "temperature_critical"], errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.All(errors.EnumerateArray(), e => Assert.Equal("maintenance", e.GetProperty("action").GetString()));
    }
}
