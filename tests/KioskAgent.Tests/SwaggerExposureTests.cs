using System.Net;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>Swagger UI and the document: on in Development, off elsewhere unless <c>Swagger:Enabled</c> says so.</summary>
public sealed class SwaggerExposureTests
{
    [Theory]
    [InlineData("Production", null, HttpStatusCode.NotFound)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    [InlineData("Development", "false", HttpStatusCode.NotFound)]
    public async Task SwaggerFollowsEnvironmentAndSetting(string environment, string? enabled, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = MetricsTests.SigningKey };
        if (enabled is not null)
        {
            settings["Swagger:Enabled"] = enabled;
        }

        await using var agent = AgentFactory.With(settings, environment);
        using var client = agent.CreateClient();
        using var ui = await client.GetAsync("/swagger/index.html");
        using var document = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(expected, ui.StatusCode);
        Assert.Equal(expected, document.StatusCode);
    }
}
