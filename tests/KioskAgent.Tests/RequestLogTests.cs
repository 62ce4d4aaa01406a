using KioskAgent.Observability;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace KioskAgent.Tests;

/// <summary>Which request lines reach the default Information log: everything but successful reads.</summary>
public sealed class RequestLogLevelTests
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

        Assert.Equal(expected, AgentLogging.RequestLevel(http, 1.0, null));
    }

    [Fact]
    public void UnhandledExceptionIsAnErrorWhateverTheStatus()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";

        Assert.Equal(LogEventLevel.Error, AgentLogging.RequestLevel(http, 1.0, new InvalidOperationException("boom")));
    }
}
