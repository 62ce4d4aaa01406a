using System.Collections.Concurrent;
using System.Net;
using KioskAgent.Observability;
using KioskAgent.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.Tests;

/// <summary>The request line (which requests reach the default Information log, with what) and the request id in every line.</summary>
public sealed class RequestLogTests(RequestLogTests.LoggedAgent agent) : IClassFixture<RequestLogTests.LoggedAgent>
{
    [Theory]
    [InlineData("GET", 200, LogEventLevel.Debug)]
    [InlineData("HEAD", 304, LogEventLevel.Debug)]
    [InlineData("GET", 401, LogEventLevel.Information)]
    [InlineData("GET", 404, LogEventLevel.Information)]
    [InlineData("POST", 200, LogEventLevel.Information)]
    [InlineData("POST", 504, LogEventLevel.Error)]
    [InlineData("GET", 500, LogEventLevel.Error)]
    public void LevelFollowsMethodAndStatus(string method, int status, LogEventLevel expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Response.StatusCode = status;

        Assert.Equal(expected, RequestLog.Level(http, null));
    }

    [Fact]
    public void UnhandledExceptionIsAnErrorWhateverTheStatus()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";

        Assert.Equal(LogEventLevel.Error, RequestLog.Level(http, new InvalidOperationException("boom")));
    }

    [Fact]
    public async Task ARefusedRequestIsOneLineWithItsStatusIntegratorAndRequestId()
    {
        var path = $"/api/kiosk/{AgentFactory.OtherKioskId}/status";
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var id = response.Headers.GetValues(RequestIds.Header).Single();

        var line = Assert.Single(agent.Log.RequestLines(id));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("\"GET\"", line.Properties["RequestMethod"].ToString());
        Assert.Equal($"\"{path}\"", line.Properties["RequestPath"].ToString());
        Assert.Equal("404", line.Properties["StatusCode"].ToString());
        Assert.Equal("\"test-reader\"", line.Properties["Integrator"].ToString());
    }

    [Fact]
    public async Task ASuccessfulReadWritesNoLineAtInformation()
    {
        using var response = await agent.ClientFor(AgentFactory.Reader).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Empty(agent.Log.RequestLines(response.Headers.GetValues(RequestIds.Header).Single()));
    }

    [Fact]
    public async Task EveryLineWrittenDuringARequestCarriesItsRequestId()
    {
        using var response = await agent.ClientWithToken("garbage").GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var id = response.Headers.GetValues(RequestIds.Header).Single();

        var lines = agent.Log.WithRequestId(id);
        Assert.Contains(lines, e => !RequestLog.IsRequestLine(e)); // the refusal, logged by the bearer challenge
        Assert.Single(lines, RequestLog.IsRequestLine);
    }

    [Fact]
    public async Task TheHostingRequestLogIsOffUntilConfigurationTurnsItOn()
    {
        await using var configured = LoggedAgent.With(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        foreach (var host in new[] { agent, configured })
        {
            using var response = await host.CreateClient().GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.DoesNotContain(agent.Log.All, FromHostingDiagnostics);
        Assert.Contains(configured.Log.All, FromHostingDiagnostics);
    }

    private static bool FromHostingDiagnostics(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && source.ToString() == "\"Microsoft.AspNetCore.Hosting.Diagnostics\"";

    /// <summary>The agent at Information, its log events captured (Serilog reads sinks from the services).</summary>
    public sealed class LoggedAgent : AgentFactory
    {
        public LoggedAgent() : this(new Dictionary<string, string?>())
        {
        }

        private LoggedAgent(Dictionary<string, string?> settings)
            : base("Development", new Dictionary<string, string?>(settings) { ["Serilog:MinimumLevel:Default"] = "Information" }, null)
        {
        }

        public static LoggedAgent With(Dictionary<string, string?> settings) => new(settings);

        public CapturedEvents Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
        }
    }

    public sealed class CapturedEvents : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> All => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public IReadOnlyList<LogEvent> WithRequestId(string id) =>
            [.. _events.Where(e => e.Properties.TryGetValue(RequestIdEnricher.PropertyName, out var value) && value.ToString() == $"\"{id}\"")];

        public IReadOnlyList<LogEvent> RequestLines(string id) => [.. WithRequestId(id).Where(RequestLog.IsRequestLine)];
    }
}
