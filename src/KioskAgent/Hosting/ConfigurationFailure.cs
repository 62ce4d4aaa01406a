using KioskAgent.Kiosk;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace KioskAgent.Hosting;

/// <summary>
/// A start refused for bad configuration: one clear log line naming every bad key, exit code 78 (EX_CONFIG, which the
/// systemd unit does not restart on), and no stack trace, because the technician must fix a file, not read code.
/// Any other failure to start keeps its exception and stack.
/// </summary>
public static class ConfigurationFailure
{
    /// <summary>sysexits.h EX_CONFIG.</summary>
    public const int ExitCode = 78;

    private const string HostSource = "Microsoft.Extensions.Hosting.Internal.Host";

    public static bool Is(Exception exception) => exception switch
    {
        KioskConfigurationException or OptionsValidationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>The host's own "Hosting failed to start" with the whole stack, which <see cref="ReportAsync"/> replaces.</summary>
    public static bool IsHostsReportOf(LogEvent logEvent) =>
        logEvent.Exception is { } exception && Is(exception)
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: HostSource };

    /// <summary>
    /// Whether the agent is the process (not an entry point run inside a test host by WebApplicationFactory, which
    /// learns of a failed start only from the exception and must keep it).
    /// </summary>
    public static bool OwnsTheProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ConfigurationFailure).Assembly;

    /// <summary>Logs the refusal (console, journal and file) and flushes the log before the process exits.</summary>
    public static async Task<int> ReportAsync(WebApplication app, Exception exception)
    {
        var problems = exception is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(e => e.Message))
            : exception.Message;
        app.Logger.LogCritical("KioskAgent cannot start: its configuration is invalid. Fix it and start again.{NewLine}{Problems}", Environment.NewLine, problems);
        await app.DisposeAsync().ConfigureAwait(false); // disposes every logger it owns, which writes out what they hold

        return ExitCode;
    }
}
