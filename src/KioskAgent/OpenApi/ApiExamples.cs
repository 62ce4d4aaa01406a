using KioskAgent.Api;
using KioskAgent.Auth;
using KioskAgent.Devices;
using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.OpenApi;

/// <summary>The examples the OpenAPI document shows, built from the reply types themselves so they cannot drift.</summary>
public static class ApiExamples
{
    public const string KioskId = "3a191de7-5c4f-4b8e-9d21-6f0e8c7b2a10";

    public const string RequestId = "4bf92f3577b34da6a3ce929d0e0e4736";

    public static readonly TokenResponse Token = new(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJhY21lLWJhY2tlbmQifQ.c2lnbmF0dXJl",
        "Bearer", 3600, "kiosk:read kiosk:maintain", [KioskId]);

    public static readonly KioskStatus KioskStatus = new("Normal", "Online", "Online", "Ready", "Online", "Ready");

    public static readonly CpuSnapshot CpuStatus = new()
    {
        Kind = DeviceKind.Cpu,
        Health = DeviceHealth.Healthy,
        ObservedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        Connection = KioskAgent.Devices.ConnectionInfo.Connected("procfs", "/proc"),
        UsagePercent = 12.5,
        Cores = 4,
        Load1m = 0.42,
        Load5m = 0.37,
        Load15m = 0.30,
        MemoryTotalBytes = 8_242_237_440,
        MemoryAvailableBytes = 5_368_709_120,
        MemoryUsedPercent = 34.9,
        TemperatureC = 47.0,
    };

    public static readonly RestartReply Restart = new(
        Guid.Parse("0b6f3c2e-6f7a-4d1e-9a43-2f1d5c8e7b90"), "printer", RestartMethod.PowerCycle, RestartResult.Completed, "Online", 7450);
}
