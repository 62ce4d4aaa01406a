using System.Diagnostics;
using KioskAgent.Auth;
using Serilog.Events;

namespace KioskAgent.Observability;

/// <summary>
/// One line per request, <c>GET /api/kiosk/.../status -> 200 in 0.4 ms</c>, with the integrator when known, at the
/// <see cref="Level"/> the request deserves. Below that level a request costs a timestamp and a level check.
/// </summary>
/// <remarks>
/// Serilog.AspNetCore's request logging, used before, opened a diagnostic context for every request, two changes of
/// the ambient execution context, whether or not its line was written; successful reads, the bulk of the traffic, are
/// below the default level (README, Benchmarks).
/// </remarks>
public sealed class RequestLog(RequestDelegate next, Serilog.ILogger logger)
{
    public const string MessageTemplate = "{RequestMethod} {RequestPath} -> {StatusCode} in {Elapsed:0.0} ms";

    private readonly Serilog.ILogger _logger = logger.ForContext<RequestLog>();

    public async Task InvokeAsync(HttpContext http)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Write(http, start, exception);
            throw; // the exception handler inside has not handled it: the server answers 500 and logs it too
        }

        Write(http, start, null);
    }

    /// <summary>
    /// Errors at Error; successful reads (GET/HEAD below 400) at Debug; everything else (restarts, tokens, refusals)
    /// at Information. Integrators poll status all day: at Information those lines would cost more CPU than serving the
    /// request and fill a kiosk's disk, while an operator acts on what changed or failed.
    /// </summary>
    public static LogEventLevel Level(HttpContext http, Exception? exception)
    {
        var status = http.Response.StatusCode;
        if (exception is not null || status >= 500)
        {
            return LogEventLevel.Error;
        }

        var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        return read && status < 400 ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    /// <summary>Whether a log event is a request line.</summary>
    public static bool IsRequestLine(LogEvent logEvent) => logEvent.MessageTemplate.Text == MessageTemplate;

    private void Write(HttpContext http, long start, Exception? exception)
    {
        var level = Level(http, exception);
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var status = exception is null ? http.Response.StatusCode : StatusCodes.Status500InternalServerError;
        var log = IntegratorPrincipal.Of(http)?.Integrator is { } integrator ? _logger.ForContext("Integrator", integrator) : _logger;
        log.Write(level, exception, MessageTemplate, http.Request.Method, http.Request.Path.Value, status, elapsedMs);
    }
}
