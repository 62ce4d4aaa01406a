using System.Net.Http.Headers;
using KioskAgent.Auth;
using KioskAgent.Devices.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests.Support;

/// <summary>
/// The agent in-process, on its own appsettings (Development: the development key and integrator) plus the
/// test integrators below. Tokens are minted by the app's own issuer and key, so a test never drifts from what
/// the app accepts. Subclass or pass settings to change configuration; pass a registry to replace the devices.
/// </summary>
public class AgentFactory : WebApplicationFactory<Program>
{
    /// <summary>The kiosk of the embedded appsettings.json.</summary>
    public const string KioskId = "3a191de7-5c4f-4b8e-9d21-6f0e8c7b2a10";

    /// <summary>A kiosk id this agent does not serve.</summary>
    public const string OtherKioskId = "9f1c2b7a-0000-4000-8000-000000000002";

    public static readonly Integrator Maintainer = new("test-maintainer", [KioskId], [Scopes.Read, Scopes.Maintain]);
    public static readonly Integrator Reader = new("test-reader", [KioskId], [Scopes.Read]);
    public static readonly Integrator Stranger = new("test-stranger", [OtherKioskId], [Scopes.Read, Scopes.Maintain]);
    public static readonly Integrator Everywhere = new("test-everywhere", [Scopes.AllKiosks], [Scopes.Read]);

    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly DeviceRegistry? _registry;

    public AgentFactory() : this("Development", new Dictionary<string, string?>(), null)
    {
    }

    /// <summary>An agent with other settings, environment or devices (one public constructor: xunit fixtures need that).</summary>
    public static AgentFactory With(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", DeviceRegistry? registry = null) =>
        new(environment, settings ?? new Dictionary<string, string?>(), registry);

    protected AgentFactory(string environment, IReadOnlyDictionary<string, string?> settings, DeviceRegistry? registry)
    {
        _environment = environment;
        _settings = settings;
        _registry = registry;
    }

    public static string FixtureRoot(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>This agent's journal file: one per factory, in a directory of its own, removed on dispose.</summary>
    public string JournalPath { get; } = Path.Combine(Path.GetTempPath(), "kioskagent-tests", Guid.NewGuid().ToString("N"), "journal.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var directory = Path.GetDirectoryName(JournalPath)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        var settings = new Dictionary<string, string?>
        {
            ["LogFiles:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Cpu:Root"] = FixtureRoot("host-normal"),
            ["Auth:FailureLimit:PermitLimit"] = "1000",
            ["Journal:DatabasePath"] = JournalPath,
        };
        var index = 1;
        foreach (var integrator in new[] { Maintainer, Reader, Stranger, Everywhere })
        {
            var key = $"Auth:Integrators:{index++}";
            settings[$"{key}:ClientId"] = integrator.ClientId;
            settings[$"{key}:SecretSha256"] = Convert.ToHexStringLower(IntegratorDirectory.HashSecret(SecretOf(integrator.ClientId)));
            for (var i = 0; i < integrator.Kiosks.Count; i++)
            {
                settings[$"{key}:Kiosks:{i}"] = integrator.Kiosks[i];
            }

            for (var i = 0; i < integrator.Scopes.Count; i++)
            {
                settings[$"{key}:Scopes:{i}"] = integrator.Scopes[i];
            }
        }

        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        if (_registry is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_registry));
        }
    }

    /// <summary>The test integrators' secrets: derived from the id, so the hash in configuration matches.</summary>
    public static string SecretOf(string clientId) => $"test-secret-of-{clientId}-0123456789abcdef0123456789abcdef";

    public AuthOptions AuthOptions => Services.GetRequiredService<IOptions<AuthOptions>>().Value;

    public SecurityKey SigningKey => Services.GetRequiredService<SigningKeys>().Key;

    /// <summary>A token from the app's own issuer.</summary>
    public string TokenFor(Integrator integrator) => Services.GetRequiredService<TokenIssuer>().Issue(integrator).Response.Token;

    /// <summary>A client that sends the integrator's token on every request.</summary>
    public HttpClient ClientFor(Integrator integrator) => ClientWithToken(TokenFor(integrator));

    public HttpClient ClientWithToken(string token) => CreateDefaultClient(new BearerHandler(token));

    private sealed class BearerHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
