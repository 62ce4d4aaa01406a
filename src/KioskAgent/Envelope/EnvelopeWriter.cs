using System.Buffers;
using System.Text.Json;
using KioskAgent.Observability;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KioskAgent.Envelope;

/// <summary>
/// Writes the envelope. <c>data</c> is serialized by its runtime type, so a driver's derived snapshot (a
/// <c>CpuSnapshot</c> declared as <c>DeviceSnapshot</c>) shows all its fields. The whole reply is serialized
/// before a byte is sent: a serialization failure then becomes a clean 500 instead of half a reply.
/// </summary>
public static class EnvelopeWriter
{
    public static Task WriteAsync(HttpContext context, int status, object? data, ApiError? error)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var requestId = RequestIds.Of(context);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", error is null);
            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, data, data.GetType(), options);
            }

            if (error is not null)
            {
                writer.WritePropertyName("error");
                JsonSerializer.Serialize(writer, error, options);
            }

            writer.WriteString("request_id", requestId);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        response.Headers[RequestIds.Header] = requestId;
        return response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }
}
