using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Kiosk;

/// <summary>Composes the devices of every configured kiosk into the registry and their supervisors.</summary>
public static class KioskComposition
{
    public static IServiceCollection AddKioskDevices(this IServiceCollection services, IConfiguration configuration)
    {
        var kiosks = configuration.GetSection(KioskOptions.Section).Get<List<KioskOptions>>() ?? [];
        services.AddSingleton(new DeviceRegistry(kiosks.Select(k => new KioskDevices(k.Id, []))));
        return services;
    }
}
