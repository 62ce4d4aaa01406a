using KioskAgent.Observability;
using Microsoft.AspNetCore.Diagnostics;

namespace KioskAgent.Envelope;

/// <summary>
/// The one place unhandled exceptions become replies: a framework "bad request" (body too large, not JSON) keeps
/// its status; anything else is a 500 <c>internal_error</c>, logged with the exception, replied without it.
/// </summary>
public sealed class EnvelopeExceptionHandler(ILogger<EnvelopeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to read a reply.
            HostLog.RequestAborted(logger, httpContext.Request.Method, httpContext.Request.Path);
            return true;
        }

        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        if (status >= 500)
        {
            HostLog.Unhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else
        {
            HostLog.BadRequest(logger, status, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        var error = ErrorCodes.ForStatus(status, httpContext.Request.Method, httpContext.Request.Path);
        await EnvelopeWriter.WriteAsync(httpContext, status, null, error);
        return true;
    }
}
