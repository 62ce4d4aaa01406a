using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAgent.BrowserTests;

/// <summary>
/// The agent as <c>dotnet run</c> starts it (Development: the embedded kiosk on emulators, the development key and
/// integrator), but on a real Kestrel socket on 127.0.0.1 with a free port, so a browser can reach it.
/// </summary>
public sealed class BrowserAgent : WebApplicationFactory<Program>
{
    public BrowserAgent() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.Single());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LogFiles:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
    }
}
