using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KioskAgent.Auth;
using KioskAgent.Envelope;
using KioskAgent.Journal;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Live;
using KioskAgent.Journal.Store;
using KioskAgent.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api;

/// <summary>
/// <c>GET /api/kiosk/{kiosk_id}/events/stream</c>: the journal live, as Server-Sent Events. One event per entry,
/// <c>id</c> = the entry id and <c>event</c> = its type, <c>data</c> = the entry's JSON (the webhook body). A client
/// that reconnects with <c>Last-Event-ID</c> first gets every later entry the journal holds. A <c>heartbeat</c> event
/// (no id) every <c>Journal:Stream:HeartbeatInterval</c>. When retention has pruned entries after the client's
/// <c>Last-Event-ID</c>, a <c>gap</c> event (no id) says which ids are gone before the replay starts.
/// </summary>
public static class EventStream
{
    public const string HeartbeatEvent = "heartbeat";

    public const string GapEvent = "gap";

    public static RouteHandlerBuilder MapEventStream(this RouteGroupBuilder group) => group
        .MapGet("/events/stream", Stream)
        .WithSummary("The kiosk's journal live, as Server-Sent Events")
        .WithDescription("text/event-stream: one event per journal entry (event: transition, restart or auth; id: the entry id; data: the entry as in /events, "
            + "without webhook). Send Last-Event-ID (a previous event's id) to receive every later entry first: nothing the journal still holds is missed. "
            + "A heartbeat event (no id) keeps the connection alive. If retention has pruned entries after Last-Event-ID, a gap event (no id; "
            + "data {\"first_missing_id\",\"last_missing_id\",\"message\"}) comes first: re-read the kiosk's state, the stream cannot replay them. "
            + "A client that falls behind is fed from the journal, never dropped silently. "
            + "Errors before the stream starts are envelopes: 400 invalid_request (Last-Event-ID not a number, or ahead of the journal), "
            + "429 rate_limited (too many streams open), 503 journal_unavailable. Scope kiosk:read. "
            + "curl -N -H \"Authorization: Bearer $TOKEN\" .../events/stream")
        .ProducesApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest)
        .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound)
        .ProducesApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited);

    public static Results<EventStreamResult, ApiFailure> Stream(
        [FromRoute(Name = "kiosk_id")] string kioskId,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        HttpContext http,
        OperationsJournal journal,
        StreamGate gate,
        TimeProvider time,
        IOptions<JournalOptions> options,
        ILogger<EventStreamResult> logger)
    {
        long? after = null;
        PrunedRange? pruned = null;
        try
        {
            if (!string.IsNullOrEmpty(lastEventId))
            {
                if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return ApiResults.BadRequest($"Last-Event-ID must be the id of an event of this stream (a whole number); '{lastEventId}' is not.");
                }

                var latest = journal.LatestId();
                if (id > latest)
                {
                    return ApiResults.BadRequest($"Last-Event-ID {id} is ahead of this journal, whose latest event is {latest}.");
                }

                after = id;
                pruned = journal.PrunedAfter(id);
            }
            else if (journal.Health.IsDegraded)
            {
                return EventsApi.Unavailable();
            }
        }
        catch (JournalUnavailableException)
        {
            return EventsApi.Unavailable();
        }

        if (gate.TryEnter() is not { } lease)
        {
            EventStreamLog.Refused(logger, kioskId, EventsApi.ClientOf(http), gate.Open);
            return new ApiFailure(StatusCodes.Status429TooManyRequests, new ApiError(ErrorCodes.RateLimited, "Too many live streams are open on this agent; retry shortly."))
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = "10" },
            };
        }

        var clientId = EventsApi.ClientOf(http);
        var entries = journal.Feed.FollowAsync(after, new FeedFilter(kioskId, AgentWideClientId: clientId), http.RequestAborted);
        EventStreamLog.Opened(logger, kioskId, clientId, lastEventId ?? "none");
        var events = Events(entries, pruned, options.Value.Stream.HeartbeatInterval, time, logger, http.RequestAborted);
        return new EventStreamResult(TypedResults.ServerSentEvents(events), lease, () => EventStreamLog.Closed(logger, kioskId, clientId));
    }

    /// <summary>
    /// The entries as SSE items, after the gap the client cannot have, with a heartbeat whenever the interval passes.
    /// Ends when the client goes.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerable<JournalEntry> entries, PrunedRange? pruned, TimeSpan heartbeat, TimeProvider time, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (pruned is not null)
        {
            yield return new SseItem<string>(GapJson(pruned), GapEvent);
        }

        var feed = entries.GetAsyncEnumerator(cancellationToken);
        var next = feed.MoveNextAsync().AsTask();
        var beat = Task.Delay(heartbeat, time, cancellationToken);
        try
        {
            while (true)
            {
                await Task.WhenAny(next, beat).ConfigureAwait(false);
                if (beat.IsCompleted)
                {
                    await beat.ConfigureAwait(false);
                    yield return new SseItem<string>($"{{\"at\":\"{time.GetUtcNow():O}\"}}", HeartbeatEvent);
                    beat = Task.Delay(heartbeat, time, cancellationToken);
                    continue;
                }

                bool more;
                try
                {
                    more = await next.ConfigureAwait(false);
                }
                catch (JournalUnavailableException ex)
                {
                    // Mid-stream the envelope is no longer possible: end the stream; the client reconnects with Last-Event-ID.
                    EventStreamLog.Failed(logger, ex.Message);
                    more = false;
                }

                if (!more)
                {
                    yield break;
                }

                var entry = feed.Current;
                yield return new SseItem<string>(Encoding.UTF8.GetString(EntryJson.Serialize(entry)), EntryTypes.Word(entry.Type))
                {
                    EventId = entry.Id.ToString(CultureInfo.InvariantCulture),
                };
                next = feed.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            // The feed cannot be disposed while a read is pending; the request's cancellation ends that read.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await feed.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string GapJson(PrunedRange pruned) => JsonSerializer.Serialize(new GapData(
        pruned.FirstId,
        pruned.LastId,
        $"Entries {pruned.FirstId} to {pruned.LastId} were pruned by the journal's retention and cannot be replayed; re-read the kiosk's status."));

    /// <summary>The data of a <c>gap</c> event.</summary>
    private sealed record GapData(
        [property: JsonPropertyName("first_missing_id")] long FirstMissingId,
        [property: JsonPropertyName("last_missing_id")] long LastMissingId,
        [property: JsonPropertyName("message")] string Message);
}
