using System.Text.Json;

namespace KioskAgent.ProofTests.Support;

/// <summary>One operation of the app's own OpenAPI document.</summary>
public sealed record ApiRoute(string Method, string Template)
{
    /// <summary>
    /// The template with its parameters filled in: <c>{kiosk_id}</c> with the kiosk, <c>{device}</c> with a device
    /// segment, <c>{operation_id}</c> with a well-formed id (that no restart has: authorization is decided first).
    /// </summary>
    public string PathFor(string kioskId, string device = "printer") =>
        Template.Replace("{kiosk_id}", kioskId, StringComparison.Ordinal)
            .Replace("{device}", device, StringComparison.Ordinal)
            .Replace("{operation_id}", "0f8fad5b-d9cb-469f-a165-70867728950e", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Sends a route's request and returns once the headers are in: a streaming route (the SSE event stream) never ends
/// its body, and the status is all these suites judge.
/// </summary>
public static class RouteRequests
{
    public static Task<HttpResponseMessage> SendForStatusAsync(this HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}

/// <summary>Reads the route list from <c>/swagger/v1/swagger.json</c>, so a route added later is tested without editing a list.</summary>
public static class OpenApiRoutes
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static async Task<IReadOnlyList<ApiRoute>> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(DocumentPath);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var routes = new List<ApiRoute>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "get" or "post" or "put" or "patch" or "delete")
                {
                    routes.Add(new ApiRoute(operation.Name.ToUpperInvariant(), path.Name));
                }
            }
        }

        return routes;
    }

    /// <summary>Every documented route but the anonymous credential exchange: the routes a token protects.</summary>
    public static async Task<IReadOnlyList<ApiRoute>> ProtectedAsync(HttpClient client) =>
        (await ReadAsync(client)).Where(r => r.Template.StartsWith("/api/", StringComparison.Ordinal) && r.Template != "/api/auth").ToList();
}
