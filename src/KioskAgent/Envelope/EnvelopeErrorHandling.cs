using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.Envelope;

/// <summary>Puts every <c>/api</c> reply in the envelope, including those the framework produces on its own.</summary>
public static class EnvelopeErrorHandling
{
    public static IServiceCollection AddApiEnvelope(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => ConfigureJson(o.JsonSerializerOptions));
        services.AddExceptionHandler<EnvelopeExceptionHandler>();
        services.AddProblemDetails();

        // Binding failures (not JSON, wrong content type) return their status instead of throwing in every
        // environment, so Development and Production reply alike; the status code pages below envelope them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>Exceptions → envelope; bodiless error statuses under <c>/api</c> (404, 405, 413, 415...) → envelope.</summary>
    public static IApplicationBuilder UseApiEnvelopeForErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusEnvelopeAsync);
        return app;
    }

    private static Task WriteStatusEnvelopeAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!IsApi(http.Request.Path))
        {
            return Task.CompletedTask;
        }

        var error = ErrorCodes.ForStatus(http.Response.StatusCode, http.Request.Method, http.Request.Path);
        return EnvelopeWriter.WriteAsync(http, http.Response.StatusCode, null, error);
    }

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
