using KioskAgent.Journal.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAgent.Journal.Tests.Support;

/// <summary>Starts and stops a journal's webhook dispatcher with the real HttpClient factory.</summary>
public static class WebhookRig
{
    private static readonly IHttpClientFactory Clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static async Task<WebhookDispatcher> StartDispatcherAsync(JournalRig rig)
    {
        var dispatcher = new WebhookDispatcher(rig.Journal, Clients, rig.Time, Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<WebhookDispatcher>(rig.Loggers));
        await dispatcher.StartAsync(CancellationToken.None);
        return dispatcher;
    }

    public static async Task StopAsync(WebhookDispatcher dispatcher)
    {
        await dispatcher.StopAsync(CancellationToken.None);
        dispatcher.Dispose();
    }

    public static WebhookTarget Target(string url, string secret, params string[] types) =>
        new() { Url = url, Secret = secret, Types = types.Length == 0 ? ["transition", "restart"] : [.. types] };
}
