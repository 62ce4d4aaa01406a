using System.Buffers;
using System.Text.Json;
using KioskAgent.Observability;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KioskAgent.Envelope;

/// <summary>
/// Writes the envelope. <c>data</c> is serialized by its runtime type, so a driver's derived snapshot (a
/// <c>CpuSnapshot</c> declared as <c>DeviceSnapshot</c>) shows all its fields. The whole reply is serialized
/// before a byte is sent: a serialization failure then becomes a clean 500 instead of half a reply. The buffer and
/// the JSON writer are reused per thread (the bytes are copied into the response pipe before anything awaits), so
/// a status reply allocates neither.
/// </summary>
public static class EnvelopeWriter
{
    /// <summary>A buffer that grew past this (a huge reply) is dropped rather than kept for the thread's lifetime.</summary>
    private const int KeptBufferBytes = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static Task WriteAsync(HttpContext context, int status, object? data, ApiError? error) =>
        Write(context, status, data, default, error);

    /// <summary>A success reply whose <c>data</c> is already serialized JSON (the cached kiosk status): written as is.</summary>
    public static Task WriteSerializedAsync(HttpContext context, int status, ReadOnlyMemory<byte> dataJson) =>
        Write(context, status, null, dataJson, null);

    private static Task Write(HttpContext context, int status, object? data, ReadOnlyMemory<byte> dataJson, ApiError? error)
    {
        var options = data is null && error is null ? null : context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var requestId = RequestIds.Of(context);
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(512);
        var writer = t_writer ?? new Utf8JsonWriter(buffer);
        t_buffer = null; // taken: a nested call on this thread (none is expected) would get its own
        t_writer = null;
        try
        {
            writer.Reset(buffer);
            WriteEnvelope(writer, data, dataJson.Span, error, requestId, options);
            writer.Flush();

            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = buffer.WrittenCount;
            response.Headers[RequestIds.Header] = requestId;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity <= KeptBufferBytes)
            {
                buffer.ResetWrittenCount();
                writer.Reset();
                t_buffer = buffer;
                t_writer = writer;
            }
        }

        var flush = context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
    }

    private static void WriteEnvelope(
        Utf8JsonWriter writer, object? data, ReadOnlySpan<byte> dataJson, ApiError? error, string requestId, JsonSerializerOptions? options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("success", error is null);
        writer.WritePropertyName("data");
        if (!dataJson.IsEmpty)
        {
            writer.WriteRawValue(dataJson, skipInputValidation: true); // serialized by this agent, from its own snapshot
        }
        else if (data is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, data, data.GetType(), options!);
        }

        if (error is not null)
        {
            writer.WritePropertyName("error");
            JsonSerializer.Serialize(writer, error, options!);
        }

        writer.WriteString("request_id", requestId);
        writer.WriteEndObject();
    }
}
