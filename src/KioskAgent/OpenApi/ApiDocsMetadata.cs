namespace KioskAgent.OpenApi;

/// <summary>Endpoint metadata: an error status a route can reply with, and the codes it then carries.</summary>
public sealed record ApiErrorMetadata(int StatusCode, IReadOnlyList<string> Codes);

/// <summary>Endpoint metadata: an example of the route's success <c>data</c>, shown in the OpenAPI document.</summary>
public sealed record ApiExampleMetadata(object Data);

public static class ApiDocsExtensions
{
    public static TBuilder ProducesApiError<TBuilder>(this TBuilder builder, int statusCode, params string[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiErrorMetadata(statusCode, codes));

    public static TBuilder WithSuccessExample<TBuilder>(this TBuilder builder, object data)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExampleMetadata(data));
}
