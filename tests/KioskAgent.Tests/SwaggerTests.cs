using System.Net;
using System.Text.Json;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>The OpenAPI document a technician's Swagger UI runs on: every route, its errors, examples, and the bearer scheme.</summary>
public sealed class SwaggerTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    [Fact]
    public async Task DocumentListsEveryRouteWithErrorsExamplesAndBearer()
    {
        using var client = agent.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        (string Path, string Method, string[] Statuses, bool Secured)[] expected =
        [
            ("/api/auth", "post", ["200", "400", "401", "413", "415", "429", "500"], false),
            ("/api/kiosk/{kiosk_id}/status", "get", ["200", "401", "403", "404", "500"], true),
            ("/api/kiosk/{kiosk_id}/{device}/status", "get", ["200", "401", "403", "404", "500"], true),
            ("/api/kiosk/{kiosk_id}/{device}/restart", "post", ["200", "401", "403", "404", "409", "500", "503", "504"], true),
            ("/api/kiosk/{kiosk_id}/events", "get", ["200", "400", "401", "403", "404", "500", "503"], true),
            ("/api/kiosk/{kiosk_id}/operations/{operation_id}", "get", ["200", "400", "401", "403", "404", "500", "503"], true),
        ];
        foreach (var (path, method, statuses, secured) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            var responses = operation.GetProperty("responses");
            Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order());
            foreach (var response in responses.EnumerateObject())
            {
                var example = response.Value.GetProperty("content").GetProperty("application/json").GetProperty("example");
                Assert.Equal(response.Name == "200", example.GetProperty("success").GetBoolean());
            }

            Assert.Equal(secured, operation.TryGetProperty("security", out _));
        }

        var stream = paths.GetProperty("/api/kiosk/{kiosk_id}/events/stream").GetProperty("get");
        Assert.True(stream.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Contains("Last-Event-ID", stream.GetProperty("description").GetString());
        Assert.Equal(["200", "400", "401", "403", "404", "429", "500", "503"], stream.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());

        var status = document.GetProperty("components").GetProperty("schemas").GetProperty("KioskStatus").GetProperty("properties");
        Assert.True(status.TryGetProperty("bill_reader", out _));
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        using var response = await agent.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
