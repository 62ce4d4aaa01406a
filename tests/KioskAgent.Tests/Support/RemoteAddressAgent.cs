using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAgent.Tests.Support;

/// <summary>
/// The agent in-process, with every request appearing to come from <paramref name="remote"/> (TestServer has no
/// socket, so the test decides the client address the app sees).
/// </summary>
public sealed class RemoteAddressAgent(IPAddress remote, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    : AgentFactory(environment, settings ?? new Dictionary<string, string?>(), null)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddress(remote)));
    }

    private sealed class ClientAddress(IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                context.Connection.RemoteIpAddress = remote;
                return inner(context);
            });
            next(app);
        };
    }
}
