using KioskAgent.Devices;
using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Tests.Support;

/// <summary>A restarter that answers with a fixed result (or throws), to test how the API maps each outcome.</summary>
public sealed class FakeRestarter(RestartResult result, RestartMethod method = RestartMethod.PowerCycle, string? failure = null, bool throws = false) : IDeviceRestarter
{
    public static readonly Guid OperationId = Guid.Parse("11111111-2222-3333-4444-555555555555");

    public List<RestartRequest> Requests { get; } = [];

    public Task<RestartOutcome> RestartAsync(RestartRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (throws)
        {
            throw new InvalidOperationException("secret-internal-detail: the restarter blew up");
        }

        var snapshot = new DeviceSnapshot { Kind = DeviceKind.Printer, Health = result == RestartResult.Completed ? DeviceHealth.Healthy : DeviceHealth.Offline };
        return Task.FromResult(new RestartOutcome(OperationId, DeviceKind.Printer, method, result, snapshot, TimeSpan.FromMilliseconds(1234), failure));
    }

    /// <summary>A registry serving the test kiosk with a CPU and a printer restarted by <paramref name="restarter"/>.</summary>
    public static DeviceRegistry RegistryWithPrinter(IDeviceRestarter restarter)
    {
        var printer = new DeviceSlot(AgentFactory.KioskId, DeviceKind.Printer, new DeviceSnapshot { Kind = DeviceKind.Printer, Health = DeviceHealth.Healthy })
        {
            Restarter = restarter,
        };
        return new DeviceRegistry([new KioskDevices(AgentFactory.KioskId, [CpuMonitor.CreateSlot(AgentFactory.KioskId), printer])]);
    }
}
