using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.Observability;

/// <summary>
/// Under systemd, console lines go to the journal: each starts with its syslog priority (<c>&lt;3&gt;</c> error,
/// <c>&lt;4&gt;</c> warning, <c>&lt;6&gt;</c> info, <c>&lt;7&gt;</c> debug) so <c>journalctl -p warning</c> filters, and has
/// no timestamp of its own (the journal stamps every line).
/// </summary>
public sealed class JournaldPriorityEnricher : ILogEventEnricher
{
    public const string Property = "SyslogPriority";

    public const string Template = "<{SyslogPriority:l}>{RequestId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(new LogEventProperty(Property, new ScalarValue(Priority(logEvent.Level))));

    public static string Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => "2",
        LogEventLevel.Error => "3",
        LogEventLevel.Warning => "4",
        LogEventLevel.Information => "6",
        _ => "7",
    };
}
