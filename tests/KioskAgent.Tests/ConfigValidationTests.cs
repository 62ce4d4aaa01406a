using KioskAgent.Auth;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>Configurations that must stop the agent at start, with a message naming the key to fix.</summary>
public sealed class ConfigValidationTests
{
    private const string GoodKey = "q3Jv2u8pQ0m6cZ1yX5rT9wK4hB7nD2fG1sA8eL3vM0o=";

    public static TheoryData<string, string, string, string?, string> Cases() => new()
    {
        // environment, key to set, value, second key/value as "key=value" or null, expected text
        { "Staging", "Auth:SigningKey", "", null, "Auth:SigningKey is missing" },
        { "Production", "Auth:SigningKey", DevelopmentCredentials.SigningKey, null, "Auth:SigningKey is the published development key" },
        { "Development", "Auth:SigningKey", Convert.ToBase64String(new byte[16]), null, "Auth:SigningKey is 128 bits" },
        { "Development", "Auth:SigningKey", "not base64!", null, "Auth:SigningKey is not valid base64" },
        { "Development", "Auth:Integrators:0:SecretSha256", "abc123", null, "Auth:Integrators:0:SecretSha256" },
        { "Development", "Auth:Integrators:0:Scopes:0", "kiosk:everything", null, "Auth:Integrators:0:Scopes" },
        { "Development", "Auth:ClockSkew", "00:05:00", null, "Auth:ClockSkew" },
        { "Development", "Cpu:UsagePercent:High", "99", null, "Cpu:UsagePercent" },
        { "Development", "NativeHeap:TrimInterval", "00:00:00.500", null, "NativeHeap:TrimInterval must be" },
        { "Development", "NativeHeap:TrimInterval", "soon", null, "NativeHeap:TrimInterval" },
        { "Development", "NativeHeap:Arenas", "-1", null, "NativeHeap:Arenas must be" },
        { "Production", "Auth:SigningKey", GoodKey, $"Auth:Integrators:0:ClientId={DevelopmentCredentials.ClientId}", "Auth:Integrators:0 is the published development integrator" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadConfigurationStopsTheAgentNamingTheKey(string environment, string key, string value, string? extra, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (extra is not null)
        {
            var (extraKey, extraValue) = (extra[..extra.IndexOf('=')], extra[(extra.IndexOf('=') + 1)..]);
            settings[extraKey] = extraValue;
            settings["Auth:Integrators:0:SecretSha256"] = DevelopmentCredentials.SecretSha256;
            settings["Auth:Integrators:0:Kiosks:0"] = "*";
            settings["Auth:Integrators:0:Scopes:0"] = Scopes.Read;
        }

        await using var agent = AgentFactory.With(settings, environment);
        var error = Assert.ThrowsAny<Exception>(() => agent.CreateClient());
        Assert.Contains(expected, Flatten(error));
    }

    [Fact]
    public async Task ProductionStartsWithItsOwnKeyAndIntegrators()
    {
        await using var agent = AgentFactory.With(new Dictionary<string, string?> { ["Auth:SigningKey"] = GoodKey }, "Production");
        using var response = await agent.CreateClient().GetAsync("/health/live");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten)) : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
