using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace KioskAgent.Api;

/// <summary>
/// The framework's Server-Sent Events result, holding the stream's slot (<c>Journal:Stream:MaxClients</c>) until
/// the response ends; declares <c>text/event-stream</c> to OpenAPI.
/// </summary>
public sealed class EventStreamResult(ServerSentEventsResult<string> inner, IDisposable lease, Action closed) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await inner.ExecuteAsync(httpContext).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a live stream, not an error to report.
            httpContext.Abort();
        }
        finally
        {
            lease.Dispose();
            closed();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));
}
