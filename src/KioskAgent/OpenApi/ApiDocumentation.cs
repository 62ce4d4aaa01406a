using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.OpenApi;

namespace KioskAgent.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>, with an Authorize button.
/// Served in Development, and elsewhere only with <c>Swagger:Enabled=true</c> (a technician's console on a kiosk PC).
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        // Swashbuckle's document route uses the regex constraint, which the slim host builder leaves out.
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KioskAgent integrator API",
                Version = "v1",
                Description = "Status and maintenance of a self-service kiosk's hardware. Every reply is the envelope "
                    + "{success, data, error?, request_id}; request_id is also the X-Request-Id header. "
                    + "Get a token with POST /api/auth, then press Authorize and paste it.",
                Contact = new OpenApiContact { Name = "KioskAgent maintainers" },
            });
            o.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The token from POST /api/auth (data.token), without the word Bearer.",
            });
            o.OperationFilter<EnvelopeOperationFilter>();
            o.SchemaFilter<DocumentShapeFilter>();
            o.CustomOperationIds(OperationId);
            o.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    /// <summary>Configuration key: serve the document and Swagger UI. Unset: on in Development only.</summary>
    public const string EnabledKey = "Swagger:Enabled";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(EnabledKey) ?? environment.IsDevelopment();

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        // Both live under /swagger: other requests (the polled /api routes) skip their per-request path matching.
        app.UseWhen(static http => http.Request.Path.StartsWithSegments("/swagger"), static docs =>
        {
            // The server is the one the document was fetched from, so Swagger UI's Try it out calls this agent.
            docs.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}" }]));
            docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "swagger";
                o.SwaggerEndpoint("v1/swagger.json", "KioskAgent integrator API v1");
                o.DocumentTitle = "KioskAgent API";
                o.EnablePersistAuthorization();
            });
        });
        return app;
    }

    /// <summary>The endpoint's name where it has one, else method and path: <c>get_api_kiosk_kiosk_id_status</c>.</summary>
    internal static string OperationId(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        if (description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault() is { } name)
        {
            return name.EndpointName;
        }

        var words = (description.RelativePath ?? "").Split(['/', '{', '}', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('_', words.Prepend((description.HttpMethod ?? "get").ToLowerInvariant()));
    }
}
