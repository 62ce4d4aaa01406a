using KioskAgent.Devices.Cpu;
using KioskAgent.Devices.Runtime;
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
        services.AddOptions<CpuMonitorOptions>().Bind(configuration.GetSection(CpuMonitorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CpuMonitorOptions>, CpuOptionsValidator>();
        services.AddHostedService(sp => new CpuMonitor(
            sp.GetRequiredService<DeviceRegistry>(),
            sp.GetRequiredService<IOptions<CpuMonitorOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<CpuMonitor>>()));
        return services;
    }

    private sealed class CpuOptionsValidator : IValidateOptions<CpuMonitorOptions>
    {
        public ValidateOptionsResult Validate(string? name, CpuMonitorOptions options)
        {
            var errors = options.Validate(CpuMonitorOptions.Section).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
