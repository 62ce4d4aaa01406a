using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Memory;

/// <summary>The native heap's trimmer (section <c>NativeHeap</c>), validated at start.</summary>
public static class NativeHeapRegistration
{
    public static IServiceCollection AddNativeHeapTrimming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NativeHeapOptions>().Bind(configuration.GetSection(NativeHeapOptions.Section))
            .ValidateRules(o => o.Validate(NativeHeapOptions.Section))
            .ValidateOnStart();
        services.AddHostedService(sp => new NativeHeapTrimmer(
            sp.GetRequiredService<IOptions<NativeHeapOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<NativeHeapTrimmer>>()));
        return services;
    }
}
