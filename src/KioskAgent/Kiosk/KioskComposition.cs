using KioskAgent.Cpu;
using KioskAgent.Devices;
using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Kiosk;

/// <summary>Composes the devices of every configured kiosk into the registry and their supervisors.</summary>
public static class KioskComposition
{
    public static IServiceCollection AddKioskDevices(this IServiceCollection services, IConfiguration configuration)
    {
        var kiosks = configuration.GetSection(KioskOptions.Section).Get<List<KioskOptions>>() ?? [];

        // The host CPU: one slot per kiosk, all fed by one monitor (the kiosks share the computer).
        services.AddSingleton(new DeviceRegistry(kiosks.Select(k => new KioskDevices(k.Id, [CpuMonitor.CreateSlot(k.Id)]))));
        services.AddHostCpu(configuration);
        return services;
    }
}
