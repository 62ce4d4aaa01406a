using System.Text.Json;
using System.Text.Json.Nodes;
using KioskAgent.Auth;
using KioskAgent.Envelope;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KioskAgent.OpenApi;

/// <summary>
/// Documents what every route has in common: its error replies (envelope schema, the codes, an example), an example
/// of its success reply, and the bearer requirement on routes that need a token (so Swagger UI sends it).
/// </summary>
public sealed class EnvelopeOperationFilter : IOperationFilter
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        if (metadata.OfType<ApiExampleMetadata>().LastOrDefault() is { } example
            && operation.Responses.TryGetValue("200", out var ok) && ok.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = Envelope(example.Data, null);
        }

        var errors = metadata.OfType<ApiErrorMetadata>()
            .Append(new ApiErrorMetadata(StatusCodes.Status500InternalServerError, [ErrorCodes.InternalError]))
            .GroupBy(e => e.StatusCode)
            .OrderBy(g => g.Key);
        var schema = context.SchemaGenerator.GenerateSchema(typeof(ErrorEnvelope), context.SchemaRepository);
        foreach (var status in errors)
        {
            var codes = status.SelectMany(e => e.Codes).Distinct().ToList();
            var sample = ErrorCodes.ForStatus(status.Key, context.ApiDescription.HttpMethod ?? "GET", "/" + context.ApiDescription.RelativePath);
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"error.code: {string.Join(", ", codes)}",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema, Example = Envelope(null, sample with { Code = codes[0] }) },
                },
            };
        }

        if (metadata.OfType<KioskAccessRequired>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiDocumentation.BearerScheme, context.Document)] = [],
            });
        }
    }

    private static JsonNode? Envelope(object? data, ApiError? error)
    {
        var envelope = new JsonObject
        {
            ["success"] = error is null,
            ["data"] = data is null ? null : JsonSerializer.SerializeToNode(data, data.GetType(), Json),
        };
        if (error is not null)
        {
            envelope["error"] = JsonSerializer.SerializeToNode(error, Json);
        }

        envelope["request_id"] = ApiExamples.RequestId;
        return envelope;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EnvelopeErrorHandling.ConfigureJson(options);
        return options;
    }
}
