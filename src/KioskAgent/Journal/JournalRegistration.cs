using KioskAgent.Devices.Runtime;
using KioskAgent.Hosting;
using KioskAgent.Journal.Live;
using KioskAgent.Journal.Recording;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Journal;

/// <summary>The operations journal in the host: its file, its background work, and the seams the runtime and routes use.</summary>
public static class JournalRegistration
{
    /// <summary>
    /// Registers the journal from the <c>Journal</c> section (validated at start), its file in the agent's data
    /// directory (<see cref="AgentPaths"/>, so after <c>AddServiceHosting</c>) unless configured elsewhere. Call it before
    /// <c>AddKioskDevices</c>: hosted services stop in reverse order, so the journal's writer then outlives the
    /// device supervisors and records their last transitions. The runtime finds <see cref="IRestartJournal"/> here.
    /// </summary>
    public static IServiceCollection AddJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>();
        services.AddSingleton<WebhookGrants>();
        services.AddSingleton<IValidateOptions<JournalOptions>>(sp => sp.GetRequiredService<WebhookGrants>());
        services.AddSingleton<IPostConfigureOptions<JournalOptions>>(sp => sp.GetRequiredService<WebhookGrants>());
        services.TryAddSingleton(TimeProvider.System);

        // Opening never throws: a file that cannot be used leaves the journal degraded, and the agent serves on.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            var path = options.ResolvePath(sp.GetRequiredService<AgentPaths>().DataDirectory);
            return new OperationsJournal(options, path, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<IRestartJournal>(sp => sp.GetRequiredService<OperationsJournal>());
        services.AddSingleton<IAuthenticationJournal>(sp => sp.GetRequiredService<OperationsJournal>());
        services.AddSingleton(sp => new StreamGate(sp.GetRequiredService<IOptions<JournalOptions>>().Value.Stream.MaxClients));
        services.AddHostedService<TransitionRecording>();
        services.AddHostedService(sp => new JournalWorker(sp.GetRequiredService<OperationsJournal>(), sp.GetRequiredService<TimeProvider>()));

        // No redirects: a signed body goes to the configured URL or nowhere. The dispatcher logs each attempt itself.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHealthChecks().AddCheck<JournalHealthCheck>("journal", tags: ["ready"]);
        return services;
    }
}
