using KioskAgent.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace KioskAgent.Observability;

/// <summary>Where log files go (section <c>LogFiles</c>); levels come from the standard <c>Serilog</c> section.</summary>
public sealed class LogFileOptions
{
    public const string Section = "LogFiles";

    /// <summary>Write rolling files at all (the console is always written).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Directory of the daily files <c>kioskagent-YYYYMMDD.log</c>; a relative path is taken from the content root.
    /// Unset: the service manager's log directory, else <c>logs</c> in the content root (<see cref="Hosting.AgentPaths"/>).
    /// </summary>
    public string? Directory { get; set; }

    public int RetainedFiles { get; set; } = 14;
}

/// <summary>
/// Serilog: a readable console, rolling compact-JSON files, both behind one asynchronous buffer so a request never
/// waits on a disk or a terminal; one line per request with its status and duration; the request id in every line.
/// </summary>
public static class AgentLogging
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {RequestId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The sink and formatter assemblies the <c>Serilog</c> section may name (console, file, async, compact JSON).
    /// Named here, the reader does not scan every DLL beside the agent at start, which loaded System.Reflection.Metadata
    /// and read each file's metadata (RSS).
    /// </summary>
    private static readonly Serilog.Settings.Configuration.ConfigurationReaderOptions ConfigurationAssemblies = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(LoggerConfigurationAsyncExtensions).Assembly,
        typeof(CompactJsonFormatter).Assembly);

    public static WebApplicationBuilder AddAgentLogging(this WebApplicationBuilder builder)
    {
        var files = builder.Configuration.GetSection(LogFileOptions.Section).Get<LogFileOptions>() ?? new LogFileOptions();
        var directory = AgentPaths.Resolve(builder.Configuration, builder.Environment.ContentRootPath, ServiceHosting.Manager, Environment.GetEnvironmentVariable).LogDirectory;
        var journald = ServiceHosting.Manager == ServiceManager.Systemd;
        builder.Services.AddHttpContextAccessor(); // for the request id of each line (RequestIdEnricher)
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            // ASP.NET Core's per-request hosting log ("Request starting/finished"): while any level of it is on, the
            // host opens a logging scope and an Activity for every request (with the active-requests metric, a quarter of
            // what a status request allocated: 1724 -> 1283 bytes).
            // The request line below says the same once; the host's start-up failures are logged by its own category
            // (Microsoft.Extensions.Hosting). Configuration (Serilog:MinimumLevel:Override) can turn it back on.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off)
            .ReadFrom.Configuration(builder.Configuration, ConfigurationAssemblies)
            .ReadFrom.Services(services)
            .Filter.ByExcluding(ConfigurationFailure.IsHostsReportOf)
            .Enrich.FromLogContext()
            .Enrich.With(new RequestIdEnricher(services.GetRequiredService<IHttpContextAccessor>()))
            .Enrich.With<JournaldPriorityEnricher>()
            .WriteTo.Async(sinks =>
            {
                sinks.Console(
                    outputTemplate: journald ? JournaldPriorityEnricher.Template : ConsoleTemplate,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    applyThemeToRedirectedOutput: false);
                if (files.Enabled)
                {
                    sinks.File(
                        new CompactJsonFormatter(),
                        Path.Combine(directory, "kioskagent-.log"),
                        rollingInterval: RollingInterval.Day,
                        retainedFileCountLimit: files.RetainedFiles);
                }
            }),
            // Each host owns its logger: the static Log.Logger is shared by every host in a process (tests run many),
            // and one host disposing it must not break another's logging.
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One concise line per request (<see cref="RequestLog"/>), inside the request id so it carries it.</summary>
    public static IApplicationBuilder UseAgentRequestLogging(this IApplicationBuilder app) => app.UseMiddleware<RequestLog>();
}
