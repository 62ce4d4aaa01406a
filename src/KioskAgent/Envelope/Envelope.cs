using System.Text.Json.Serialization;

namespace KioskAgent.Envelope;

/// <summary>
/// The shape of every <c>/api</c> reply (api.md, "Envelope"). <see cref="EnvelopeWriter"/> writes it; this type
/// exists so the OpenAPI document shows it.
/// </summary>
public sealed record Envelope<T>(bool Success, T? Data, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiError? Error, string RequestId);

/// <summary>An error reply's <c>error</c> object.</summary>
/// <param name="Code">Stable snake_case code, one of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">For a human reader; never a stack trace, exception type or secret.</param>
/// <param name="OperationId">The restart operation the error is about, where there is one.</param>
public sealed record ApiError(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? OperationId = null);

/// <summary>What the OpenAPI document shows for an error reply: <c>data</c> is always null.</summary>
public sealed record ErrorEnvelope(bool Success, object? Data, ApiError Error, string RequestId);
