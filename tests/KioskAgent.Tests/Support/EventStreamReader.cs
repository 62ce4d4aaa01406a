using System.Net.ServerSentEvents;

namespace KioskAgent.Tests.Support;

/// <summary>Reads a live stream with the runtime's own SSE parser, one event at a time, with a time limit per event.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly CancellationTokenSource _stop = new();

    private EventStreamReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _events = SseParser.Create(body).EnumerateAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event whose type is not skipped.</summary>
    public async Task<SseItem<string>> NextAsync(string? skip = "heartbeat", TimeSpan? within = null)
    {
        using var limit = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(15));
        using var registration = limit.Token.Register(_stop.Cancel);
        while (await _events.MoveNextAsync())
        {
            if (_events.Current.EventType != skip)
            {
                return _events.Current;
            }
        }

        throw new Xunit.Sdk.XunitException("The stream ended.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _events.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
        _response.Dispose();
        _stop.Dispose();
    }
}
