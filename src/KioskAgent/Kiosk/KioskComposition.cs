using KioskAgent.Cpu;
using KioskAgent.Devices.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAgent.Kiosk;

/// <summary>Composes the devices of every configured kiosk: registry, supervisors, emulators.</summary>
public static class KioskComposition
{
    /// <summary>
    /// Registers the runtime that starts every device's supervisor with the host. <c>Kiosks</c> is read and
    /// validated when the host starts (so every configuration source counts); a bad key stops the agent with
    /// a message naming it.
    /// </summary>
    public static IServiceCollection AddKioskDevices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => KioskPlan.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<EmulatedHardware>();
        services.AddSingleton<KioskRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<KioskRuntime>());
        services.AddSingleton<DeviceRegistry>(sp => sp.GetRequiredService<KioskRuntime>().Registry);
        services.AddSingleton<KioskAgent.Api.KioskStatusReplies>();

        // The host CPU: one slot per kiosk (KioskRuntime creates them), all fed by one monitor.
        services.AddHostCpu(configuration);
        return services;
    }
}
