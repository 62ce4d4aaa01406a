namespace KioskAgent.Envelope;

/// <summary>
/// Refuses a body whose declared length exceeds the route's <c>[RequestSizeLimit]</c> before anything reads it.
/// Kestrel enforces the same limit while reading (and for chunked bodies); checking the header here makes the
/// 413 hold on any server, the test server included, and spares reading a body that will be refused anyway.
/// </summary>
public static class DeclaredBodyLimits
{
    public static IApplicationBuilder UseDeclaredBodyLimits(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        // Most requests (every status poll) declare no body: the route's limit is looked up only for those that do.
        if (context.Request.ContentLength is { } declared
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } max
            && declared > max)
        {
            return EnvelopeWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null,
                new ApiError(ErrorCodes.PayloadTooLarge, $"The request body is {declared} bytes; this route accepts at most {max}."));
        }

        return next(context);
    });
}
