using System.Net;
using System.Net.Sockets;
using System.Text;
using KioskAgent.ProofTests.Support;
using KioskAgent.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Http;

/// <summary>
/// Requests at the edges of HTTP, on a real Kestrel bound to 127.0.0.1 on a free port: what the app answers is in the
/// envelope; what Kestrel refuses before any middleware runs (header or request line too large, malformed request)
/// gets Kestrel's bare status, and these tests pin which those are (docs/proof.md explains why).
/// </summary>
public sealed class HttpEdgeTests : IClassFixture<HttpEdgeTests.KestrelAgent>
{
    private readonly KestrelAgent _agent;
    private readonly ITestOutputHelper _output;

    public HttpEdgeTests(KestrelAgent agent, ITestOutputHelper output)
    {
        _agent = agent;
        _output = output;
    }

    public sealed class KestrelAgent : ProofAgent
    {
        public KestrelAgent()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Port = new Uri(address).Port;
        }

        public int Port { get; }
    }

    private static readonly string Status = $"/api/kiosk/{AgentFactory.KioskId}/status";

    public static TheoryData<string, string, string, HttpStatusCode, string> AppAnswers() => new()
    {
        { "unknown route", "GET", "/api/nothing-here", HttpStatusCode.NotFound, "not_found" },
        { "unknown kiosk route", "GET", $"/api/kiosk/{AgentFactory.KioskId}/printer/nonsense", HttpStatusCode.NotFound, "not_found" },
        { "wrong method on status", "DELETE", Status, HttpStatusCode.MethodNotAllowed, "method_not_allowed" },
        { "wrong method on restart", "GET", $"/api/kiosk/{AgentFactory.KioskId}/printer/restart", HttpStatusCode.MethodNotAllowed, "method_not_allowed" },
        { "wrong method on auth", "GET", "/api/auth", HttpStatusCode.MethodNotAllowed, "method_not_allowed" },
        { "PUT on auth", "PUT", "/api/auth", HttpStatusCode.MethodNotAllowed, "method_not_allowed" },
    };

    [Theory]
    [MemberData(nameof(AppAnswers))]
    public async Task The_app_answers_in_the_envelope(string situation, string method, string path, HttpStatusCode expected, string code)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_agent.Port}") };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _agent.TokenFor(AgentFactory.Maintainer));
        using var response = await client.SendAsync(request);
        var actual = await response.ErrorCodeAsync(expected);
        Assert.True(code == actual, $"{situation}: {actual}");
        Figure.Print(_output, "http edges (app)", $"{situation} → {(int)expected} {actual} in the envelope");
    }

    [Fact]
    public async Task A_body_on_a_get_is_ignored_and_the_reply_is_the_envelope()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_agent.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, Status) { Content = new StringContent("{\"kiosk\":\"other\"}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _agent.TokenFor(AgentFactory.Maintainer));
        using var response = await client.SendAsync(request);
        await response.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_above_the_size_limit_is_refused_by_the_app_in_the_envelope()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_agent.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, Status);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 9_000) + ".b.c");
        using var response = await client.SendAsync(request);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
    }

    public static TheoryData<string, string, int> KestrelAnswers() => new()
    {
        { "one header of 40 KiB", $"GET {Status} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {new string('a', 40 * 1024)}\r\n\r\n", 431 },
        { "200 headers of 200 bytes", $"GET {Status} HTTP/1.1\r\nHost: 127.0.0.1\r\n{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: {new string('b', 200)}\r\n"))}\r\n", 431 },
        { "a 10 KiB request line", $"GET /api/{new string('p', 10 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414 },
        { "a malformed request line", "GET\t/api HTTP/9.9\r\n\r\n", 400 },
        { "no Host header", $"GET {Status} HTTP/1.1\r\n\r\n", 400 },
        { "a header without a colon", $"GET {Status} HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken header\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(KestrelAnswers))]
    public async Task Kestrel_refuses_before_the_app_with_its_bare_status(string situation, string raw, int expected)
    {
        var (status, body) = await RawAsync(raw);
        Figure.Print(_output, "http edges (Kestrel)", $"{situation} → {status}, body {body.Length} bytes, no envelope");
        Assert.Equal(expected, status);

        // Kestrel answers these before any middleware: no envelope, no request id; documented in docs/proof.md.
        Assert.DoesNotContain("\"success\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_just_under_the_limit_reach_the_app_and_get_the_envelope()
    {
        var (status, body) = await RawAsync($"GET {Status} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Big: {new string('a', 30 * 1024)}\r\n\r\n");
        Assert.Equal(401, status);
        Assert.Contains("\"success\":false", body, StringComparison.Ordinal);
    }

    /// <summary>Sends raw bytes and reads the status code and body of the reply (bounded: 10 s, 1 MiB).</summary>
    private async Task<(int Status, string Body)> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(IPAddress.Loopback, _agent.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var buffer = new byte[1 << 20];
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token);
            }
            catch (IOException)
            {
                break; // Kestrel may reset the connection right after its reply
            }

            if (read == 0)
            {
                break;
            }

            total += read;
            var text = Encoding.ASCII.GetString(buffer, 0, total);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd > 0 && ContentLength(text[..headerEnd]) is { } length && total >= headerEnd + 4 + length)
            {
                break;
            }
        }

        var reply = Encoding.ASCII.GetString(buffer, 0, total);
        Assert.StartsWith("HTTP/1.1 ", reply);
        var status = int.Parse(reply.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        var split = reply.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : reply[(split + 4)..]);
    }

    private static int? ContentLength(string headers) =>
        headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } line
            ? int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
