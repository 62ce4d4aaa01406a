using System.Net.Http.Headers;
using System.Threading.Channels;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Webhooks;

/// <summary>
/// Delivers the outbox: per integrator, the oldest pending entry first, one at a time; a failure waits
/// <c>InitialBackoff × 2^(attempt−1)</c> (at most <c>MaxBackoff</c>) and holds back only that integrator's line.
/// Pending rows survive restarts of the agent and are sent again on start: at least once, in order.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> it asks the factory for.</summary>
    public const string HttpClientName = "KioskAgent.Webhooks";

    private const int MaxErrorLength = 300;

    private readonly OperationsJournal _journal;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebhookOptions _options;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public WebhookDispatcher(OperationsJournal journal, IHttpClientFactory clients, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _journal = journal;
        _clients = clients;
        _time = time;
        _logger = logger;
        _options = journal.Options.Webhooks;
        journal.Store.Committed += OnCommitted;
    }

    public override void Dispose()
    {
        _journal.Store.Committed -= OnCommitted;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var heads = ReadHeads();
                var now = _time.GetUtcNow();
                var due = heads.Where(h => h.DueAt <= now).ToArray();
                if (due.Length > 0)
                {
                    await Task.WhenAll(due.Select(item => DeliverAsync(item, stoppingToken))).ConfigureAwait(false);
                    continue;
                }

                var wait = heads.Count == 0 ? _options.PollInterval : heads.Min(h => h.DueAt) - now;
                await WaitAsync(wait < _options.PollInterval ? wait : _options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is pending stays in the outbox for the next start.
            return;
        }
    }

    private void OnCommitted(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Any(e => _options.RecipientsOf(e).Any()))
        {
            _wake.Writer.TryWrite(true);
        }
    }

    private IReadOnlyList<OutboxItem> ReadHeads()
    {
        if (!_journal.Store.IsOpen)
        {
            return [];
        }

        try
        {
            return _journal.Store.Read(WebhookOutbox.Heads);
        }
        catch (JournalUnavailableException ex)
        {
            WebhookLog.OutboxUnavailable(_logger, ex.Message);
            return [];
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time, woken.Token);
        var signal = _wake.Reader.WaitToReadAsync(woken.Token).AsTask();
        await Task.WhenAny(delay, signal).ConfigureAwait(false);
        await woken.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        var attempt = item.Attempts + 1;
        string? error;
        if (!_options.Integrators.TryGetValue(item.Integrator, out var target))
        {
            error = $"No webhook is configured for {item.Integrator} any more.";
            await MarkAsync(item, attempt, error, giveUp: true, stoppingToken).ConfigureAwait(false);
            return;
        }

        error = await SendAsync(item, target, attempt, stoppingToken).ConfigureAwait(false);
        if (error is null)
        {
            await _journal.Store.WriteAsync(
                (connection, transaction) =>
                {
                    WebhookOutbox.MarkDelivered(connection, transaction, item.Id, attempt, _time.GetUtcNow());
                    return [];
                },
                stoppingToken).ConfigureAwait(false);
            WebhookLog.Delivered(_logger, item.EntryId, item.Integrator, attempt);
            return;
        }

        await MarkAsync(item, attempt, error, giveUp: attempt >= _options.MaxAttempts, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Null when the receiver answered 2xx; otherwise what went wrong, for the delivery state.</summary>
    private async Task<string?> SendAsync(OutboxItem item, WebhookTarget target, int attempt, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(item.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(target.Secret, item.Body));
        request.Headers.Add(WebhookSignature.TimestampHeader, _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventIdHeader, item.EntryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await _clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return $"No answer within {_options.RequestTimeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException ex)
        {
            return Trim(ex.Message);
        }
    }

    private async Task MarkAsync(OutboxItem item, int attempt, string error, bool giveUp, CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? retryAt = giveUp ? null : now + Backoff(attempt);
        await _journal.Store.WriteAsync(
            (connection, transaction) =>
            {
                WebhookOutbox.MarkFailed(connection, transaction, item.Id, attempt, error, now, retryAt);
                return [];
            },
            stoppingToken).ConfigureAwait(false);
        if (retryAt is { } at)
        {
            WebhookLog.Failed(_logger, item.EntryId, item.Integrator, attempt, error, at);
        }
        else
        {
            WebhookLog.GaveUp(_logger, item.EntryId, item.Integrator, attempt, error);
        }
    }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/>.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(_options.InitialBackoff.Ticks * factor, _options.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static string Trim(string message) => message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];
}
