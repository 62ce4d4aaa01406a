using Microsoft.OpenApi;

namespace KioskAgent.OpenApi;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>, with an Authorize button.</summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
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
            });
            o.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The token from POST /api/auth (data.token), without the word Bearer.",
            });
            o.OperationFilter<EnvelopeOperationFilter>();
            o.SupportNonNullableReferenceTypes();
        });
        return services;
    }

    public static IApplicationBuilder UseApiDocumentation(this IApplicationBuilder app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint("v1/swagger.json", "KioskAgent integrator API v1");
            o.DocumentTitle = "KioskAgent API";
            o.EnablePersistAuthorization();
        });
        return app;
    }
}
