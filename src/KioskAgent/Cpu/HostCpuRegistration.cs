using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Cpu;

/// <summary>
/// The host CPU monitor (section <c>Cpu</c>). The kiosks' CPU slots are created with <see cref="CpuMonitor.CreateSlot"/>
/// where the device registry is composed; the monitor publishes to all of them.
/// </summary>
public static class HostCpuRegistration
{
    public static IServiceCollection AddHostCpu(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CpuMonitorOptions>().Bind(configuration.GetSection(CpuMonitorOptions.Section))
            .ValidateRules(o => o.Validate(CpuMonitorOptions.Section))
            .ValidateOnStart();
        services.AddHostedService(sp => new CpuMonitor(
            sp.GetRequiredService<DeviceRegistry>(),
            sp.GetRequiredService<IOptions<CpuMonitorOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<CpuMonitor>>()));
        return services;
    }
}
