using KioskAgent.Auth;
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

    public static WebApplicationBuilder AddAgentLogging(this WebApplicationBuilder builder)
    {
        var files = builder.Configuration.GetSection(LogFileOptions.Section).Get<LogFileOptions>() ?? new LogFileOptions();
        var directory = AgentPaths.Resolve(builder.Configuration, builder.Environment.ContentRootPath, ServiceHosting.Manager, Environment.GetEnvironmentVariable).LogDirectory;
        var journald = ServiceHosting.Manager == ServiceManager.Systemd;
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Filter.ByExcluding(ConfigurationFailure.IsHostsReportOf)
            .Enrich.FromLogContext()
            .Enrich.With<RequestIdEnricher>()
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

    /// <summary>One concise line per request (level: <see cref="RequestLevel"/>), with the integrator when known.</summary>
    public static IApplicationBuilder UseAgentRequestLogging(this IApplicationBuilder app) => app.UseSerilogRequestLogging(o =>
    {
        o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        o.MessageTemplate = "{RequestMethod} {RequestPath} -> {StatusCode} in {Elapsed:0.0} ms";
        o.GetLevel = RequestLevel;
        o.EnrichDiagnosticContext = static (diagnostics, http) =>
        {
            if (IntegratorPrincipal.Of(http)?.Integrator is { } integrator)
            {
                diagnostics.Set("Integrator", integrator);
            }
        };
    });

    /// <summary>
    /// Errors at Error; successful reads (GET/HEAD below 400) at Debug; everything else (restarts, tokens, refusals)
    /// at Information. Integrators poll status all day: at Information those lines cost more CPU than serving the
    /// request (bench/README) and fill a kiosk's disk, while an operator acts on what changed or failed.
    /// </summary>
    public static LogEventLevel RequestLevel(HttpContext http, double elapsedMs, Exception? exception)
    {
        var status = http.Response.StatusCode;
        if (exception is not null || status >= 500)
        {
            return LogEventLevel.Error;
        }

        var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        return read && status < 400 ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
