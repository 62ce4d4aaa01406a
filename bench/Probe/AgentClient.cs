using System.Net.Http.Json;
using System.Text.Json;

namespace KioskAgent.Bench;

/// <summary>The agent routes the probes use: a device's status, its restart, and the emulator fault endpoint.</summary>
public sealed class AgentClient(HttpClient http, string kiosk, string device)
{
    /// <summary>The error codes the device reports now (<c>data.errors[].code</c>).</summary>
    public async Task<HashSet<string>> ErrorCodesAsync(CancellationToken cancellationToken)
    {
        using var reply = await http.GetAsync($"/api/kiosk/{kiosk}/{device}/status", cancellationToken);
        reply.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await reply.Content.ReadAsByteArrayAsync(cancellationToken));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (document.RootElement.GetProperty("data").TryGetProperty("errors", out var errors))
        {
            foreach (var error in errors.EnumerateArray())
            {
                codes.Add(error.GetProperty("code").GetString() ?? "");
            }
        }

        return codes;
    }

    public async Task InjectAsync(string fault, CancellationToken cancellationToken)
    {
        using var reply = await http.PostAsync($"/dev/emulators/{kiosk}/{device}/{fault}", null, cancellationToken);
        reply.EnsureSuccessStatusCode();
    }

    /// <summary>POST .../restart; returns the reply's <c>data.duration_ms</c> and the state the device came back in.</summary>
    public async Task<(long DurationMs, string State)> RestartAsync(CancellationToken cancellationToken)
    {
        using var reply = await http.PostAsync($"/api/kiosk/{kiosk}/{device}/restart", null, cancellationToken);
        var body = await reply.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!reply.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"restart of {device} answered {(int)reply.StatusCode}: {body}");
        }

        var data = body.GetProperty("data");
        return (data.GetProperty("duration_ms").GetInt64(), data.GetProperty("state").GetString() ?? "");
    }
}
