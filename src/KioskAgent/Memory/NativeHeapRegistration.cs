using Microsoft.Extensions.Options;

namespace KioskAgent.Memory;

/// <summary>The native heap's trimmer (section <c>NativeHeap</c>), validated at start.</summary>
public static class NativeHeapRegistration
{
    public static IServiceCollection AddNativeHeapTrimming(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NativeHeapOptions>().Bind(configuration.GetSection(NativeHeapOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NativeHeapOptions>>(new NativeHeapOptionsValidator());
        services.AddHostedService(sp => new NativeHeapTrimmer(
            sp.GetRequiredService<IOptions<NativeHeapOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<NativeHeapTrimmer>>()));
        return services;
    }

    private sealed class NativeHeapOptionsValidator : IValidateOptions<NativeHeapOptions>
    {
        public ValidateOptionsResult Validate(string? name, NativeHeapOptions options)
        {
            var errors = options.Validate(NativeHeapOptions.Section).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
