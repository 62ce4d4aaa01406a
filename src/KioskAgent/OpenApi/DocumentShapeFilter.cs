using KioskAgent.Api;
using KioskAgent.Devices;
using KioskAgent.Envelope;
using KioskAgent.Journal.Entries;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KioskAgent.OpenApi;

/// <summary>
/// Schema corrections that the lint (spectral:oas) and the examples need: an error envelope's <c>data</c> is an
/// explicit nullable object (always null), and a device status is a <see cref="DeviceSnapshot"/> plus the fields of
/// its kind (a printer's paper, the CPU's load...), so it allows further properties; so does a journal entry's
/// <c>data</c>, whose fields depend on the entry's type.
/// </summary>
public sealed class DocumentShapeFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (context.Type == typeof(ErrorEnvelope) && concrete.Properties is { } properties)
        {
            properties["data"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "Always null on an error.",
            };
        }
        else if (context.Type == typeof(DeviceSnapshot))
        {
            concrete.AdditionalPropertiesAllowed = true;
            concrete.AdditionalProperties = null;
            concrete.Description = "Common to every device; each kind adds its own fields (see the device docs and the example).";
        }
        else if (context.Type == typeof(WebhookDeliveryView))
        {
            // An event's webhook is null where the caller has no delivery of it. OpenAPI 3.0 cannot say "this $ref or
            // null" in a way validators accept, so the delivery schema itself admits null (it is used nowhere else).
            concrete.Type |= JsonSchemaType.Null;
        }
        else if (context.Type == typeof(EntryDetail))
        {
            concrete.AdditionalPropertiesAllowed = true;
            concrete.AdditionalProperties = null;
            concrete.Description = "By the entry's type. transition: from, to, reasons, cleared, observed_at. restart: operation_id, "
                + "phase, method, integrator, request_id, detail, elapsed_ms. auth: client_id, client_known, origin, outcome, success.";
        }
    }
}
