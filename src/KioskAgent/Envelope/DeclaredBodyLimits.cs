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
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is { } max && context.Request.ContentLength > max)
        {
            return EnvelopeWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, null,
                new ApiError(ErrorCodes.PayloadTooLarge, $"The request body is {context.Request.ContentLength} bytes; this route accepts at most {max}."));
        }

        return next(context);
    });
}
