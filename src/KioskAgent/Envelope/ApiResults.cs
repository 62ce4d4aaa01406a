using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace KioskAgent.Envelope;

/// <summary>A success reply: 200 with <c>data</c> in the envelope. Declares <see cref="Envelope{T}"/> to OpenAPI.</summary>
public sealed class ApiOk<T>(T value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    /// <summary>A reply whose <paramref name="value"/> was serialized ahead (with the app's JSON options) into <paramref name="json"/>.</summary>
    public ApiOk(T value, ReadOnlyMemory<byte> json) : this(value) => Json = json;

    public T Value { get; } = value;

    /// <summary>The serialized <see cref="Value"/>, when it was serialized before the request (empty otherwise).</summary>
    public ReadOnlyMemory<byte> Json { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => Json.IsEmpty
        ? EnvelopeWriter.WriteAsync(httpContext, StatusCode, Value, null)
        : EnvelopeWriter.WriteSerializedAsync(httpContext, StatusCode, Json);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Envelope<T>), ["application/json"]));
}

/// <summary>An error reply in the envelope. Routes declare their error statuses with <c>ProducesApiError</c>.</summary>
public sealed class ApiFailure(int statusCode, ApiError error) : IResult, IStatusCodeHttpResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public ApiError Error { get; } = error;

    /// <summary>Extra response headers (Retry-After).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in Headers ?? EmptyHeaders)
        {
            httpContext.Response.Headers[name] = value;
        }

        return EnvelopeWriter.WriteAsync(httpContext, StatusCode, null, Error);
    }

    private static readonly Dictionary<string, string> EmptyHeaders = [];
}

/// <summary>Factories for the replies handlers return.</summary>
public static class ApiResults
{
    public static ApiOk<T> Ok<T>(T data) => new(data);

    public static ApiFailure Failure(int status, string code, string message, Guid? operationId = null) =>
        new(status, new ApiError(code, message, operationId));

    public static ApiFailure BadRequest(string message) => Failure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, message);

    public static ApiFailure Forbidden(string message) => Failure(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, message);

    public static ApiFailure KioskNotFound(string kioskId) =>
        Failure(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound, $"This agent serves no kiosk '{kioskId}'.");

    public static ApiFailure DeviceNotFound(string message) => Failure(StatusCodes.Status404NotFound, ErrorCodes.DeviceNotFound, message);
}
