using KioskAgent.Devices.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAgent.Kiosk;

/// <summary>Composes the devices of every configured kiosk: registry, supervisors, emulators.</summary>
public static class KioskComposition
{
    /// <summary>
    /// Reads and validates <c>Kiosks</c> now (a bad key stops the agent with a message naming it) and registers
    /// the runtime that starts every device's supervisor with the host.
    /// </summary>
    public static IServiceCollection AddKioskDevices(this IServiceCollection services, IConfiguration configuration)
    {
        var plan = KioskPlan.Read(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(plan);
        services.AddSingleton<EmulatedHardware>();
        services.AddSingleton<KioskRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<KioskRuntime>());
        services.AddSingleton<DeviceRegistry>(sp => sp.GetRequiredService<KioskRuntime>().Registry);
        return services;
    }
}
