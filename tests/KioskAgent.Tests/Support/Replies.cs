using System.Net;
using System.Text.Json;

namespace KioskAgent.Tests.Support;

/// <summary>Reads a reply and checks the envelope every /api reply must have.</summary>
public static class Replies
{
    public static async Task<JsonElement> EnvelopeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(body).RootElement.Clone();
        var success = (int)expected < 400;
        Assert.Equal(success, root.GetProperty("success").GetBoolean());
        Assert.True(root.TryGetProperty("data", out var data));
        if (!success)
        {
            Assert.Equal(JsonValueKind.Null, data.ValueKind);
            var error = root.GetProperty("error");
            Assert.Matches("^[a-z_]+$", error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        var requestId = root.GetProperty("request_id").GetString();
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        return root;
    }

    public static async Task<string> ErrorCodeAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.EnvelopeAsync(expected)).GetProperty("error").GetProperty("code").GetString()!;
}
