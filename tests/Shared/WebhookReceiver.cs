using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Testing;

/// <summary>
/// An integrator's webhook endpoint: real Kestrel on 127.0.0.1 and a free port, answering what the test says and
/// keeping every delivery with its headers. One copy, compiled into the journal and host test projects.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private volatile int _status = StatusCodes.Status200OK;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>What the next requests are answered.</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    public static async Task<WebhookReceiver> StartAsync(int status = StatusCodes.Status200OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { Status = status };
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var answered = receiver.Status;
            receiver._received.Enqueue(new ReceivedDelivery(
                body.ToArray(),
                context.Request.Headers["X-Kiosk-Signature"].ToString(),
                context.Request.Headers["X-Kiosk-Timestamp"].ToString(),
                context.Request.Headers["X-Kiosk-Event-Id"].ToString(),
                context.Request.Headers["X-Kiosk-Delivery-Attempt"].ToString(),
                context.Request.ContentType,
                answered));
            return Results.StatusCode(answered);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedDelivery(byte[] Body, string Signature, string Timestamp, string EventId, string Attempt, string? ContentType, int AnsweredStatus);
