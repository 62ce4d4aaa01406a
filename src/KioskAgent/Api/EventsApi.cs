using KioskAgent.Auth;
using KioskAgent.Envelope;
using KioskAgent.Journal;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using KioskAgent.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KioskAgent.Api;

/// <summary>The journal's routes: what happened to a kiosk (paged), one restart's record, and the live stream.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        // The same guard as every kiosk route: a valid token, a kiosk served here and covered by it, kiosk:read.
        var group = app.MapGroup("/api/kiosk/{kiosk_id}")
            .RequireKioskAccess()
            .WithMetadata(new RequiredScope(Scopes.Read))
            .WithTags("Journal")
            .ProducesApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized)
            .ProducesApiError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden)
            .ProducesApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.JournalUnavailable);

        group.MapGet("/events", GetEvents)
            .WithSummary("The kiosk's journal: device transitions, restarts and your logins, newest first")
            .WithDescription("Query: since (ISO 8601, e.g. 2026-03-01T09:00:00Z: entries at or after it), device (printer, dispenser, scanner, tpv, bill-reader, cpu), "
                + "type (transition, restart, auth), limit (1-500, default 50), cursor (the previous page's next_cursor). "
                + "Authentication entries are the caller's own (client_id = its token's sub). webhook: the delivery of each entry to the caller's webhook, "
                + "if one is configured. A bad parameter is 400 invalid_request naming it; a journal whose file cannot be used is 503 journal_unavailable. Scope kiosk:read.")
            .ProducesApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest)
            .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound)
            .WithSuccessExample(EventExamples.Page);

        group.MapGet("/operations/{operation_id}", GetOperation)
            .WithSummary("One restart: who asked, each phase with its time and duration, and the outcome")
            .WithDescription("operation_id: as returned by a restart route (also in its errors). phases: requested, power_off, power_on, probing, then "
                + "completed, failed, timeout, or interrupted (the agent stopped mid-way; marked at its next start). duration_ms of a phase lasts until the next one. "
                + "An id this kiosk's journal does not hold is 404 operation_not_found. Scope kiosk:read.")
            .ProducesApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest)
            .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound, ErrorCodes.OperationNotFound)
            .WithSuccessExample(EventExamples.Operation);

        group.MapEventStream();
        return group;
    }

    public static Results<ApiOk<EventsPage>, ApiFailure> GetEvents(
        [FromRoute(Name = "kiosk_id")] string kioskId, [AsParameters] EventsQueryParameters parameters, HttpContext http, OperationsJournal journal)
    {
        var clientId = ClientOf(http);
        var (query, failure) = parameters.ToQuery(kioskId, clientId);
        if (query is null)
        {
            return failure!;
        }

        try
        {
            var page = journal.Query(query);
            var deliveries = journal.Deliveries(page.Entries.Select(e => e.Id).ToArray());
            var events = page.Entries
                .Select(e => EventView.Of(e, deliveries.TryGetValue(e.Id, out var states) ? states.FirstOrDefault(s => s.Integrator == clientId) : null))
                .ToArray();
            return ApiResults.Ok(new EventsPage(events, page.NextCursor));
        }
        catch (JournalUnavailableException)
        {
            return Unavailable();
        }
    }

    public static Results<ApiOk<RestartOperationRecord>, ApiFailure> GetOperation(
        [FromRoute(Name = "kiosk_id")] string kioskId, [FromRoute(Name = "operation_id")] string operationId, OperationsJournal journal)
    {
        if (!Guid.TryParse(operationId, out var id))
        {
            return ApiResults.BadRequest($"operation_id must be a UUID as the restart route returned it; '{operationId}' is not.");
        }

        try
        {
            // Another kiosk's restart is as unknown here as no restart at all: ids do not leak across kiosks.
            return journal.FindOperation(id) is { } operation && operation.KioskId == kioskId
                ? ApiResults.Ok(operation)
                : ApiResults.Failure(StatusCodes.Status404NotFound, ErrorCodes.OperationNotFound, $"Kiosk '{kioskId}' has no restart operation {id} in its journal.");
        }
        catch (JournalUnavailableException)
        {
            return Unavailable();
        }
    }

    internal static string ClientOf(HttpContext http) => IntegratorPrincipal.Of(http)?.Integrator ?? "";

    /// <summary>The journal logged which file failed and why, for the operator; the caller learns only that it is unavailable.</summary>
    internal static ApiFailure Unavailable() =>
        ApiResults.Failure(StatusCodes.Status503ServiceUnavailable, ErrorCodes.JournalUnavailable,
            "The journal cannot be read right now; device status and restarts are unaffected. The agent's log says why.");
}
