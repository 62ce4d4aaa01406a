using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAgent.Tests.Support;

/// <summary>
/// The agent on a real Kestrel socket: on 127.0.0.1 with a free port, or on the endpoints the settings configure
/// (<c>Kestrel:Endpoints</c>, e.g. HTTPS with a certificate).
/// </summary>
public sealed class KestrelAgent : AgentFactory
{
    public KestrelAgent(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", bool configuredEndpoints = false)
        : base(environment, settings ?? new Dictionary<string, string?>(), null)
    {
        if (configuredEndpoints)
        {
            UseKestrel();
        }
        else
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Starts the server if needed; the address it listens on with the given scheme.</summary>
    public Uri Address(string scheme = "http")
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First(a => a.StartsWith(scheme + "://", StringComparison.Ordinal)));
    }
}
