using System.Globalization;
using KioskAgent.Devices;
using KioskAgent.Envelope;
using KioskAgent.Journal.Entries;
using Microsoft.AspNetCore.Mvc;

namespace KioskAgent.Api;

/// <summary>
/// The events route's query, taken as text and checked here, so a bad value gets a 400 that names it (the
/// framework's binder would only say "bad request").
/// </summary>
public sealed class EventsQueryParameters
{
    // Properties, not a positional record: the request delegate generator emits typeof(string?) for a record's
    // nullable constructor parameters, which does not compile.

    /// <summary>Only entries at or after this instant (ISO 8601).</summary>
    [FromQuery(Name = "since")] public string? Since { get; init; }

    /// <summary>Only this device's entries (its route segment or status key).</summary>
    [FromQuery(Name = "device")] public string? Device { get; init; }

    /// <summary>Only entries of this type.</summary>
    [FromQuery(Name = "type")] public string? Type { get; init; }

    /// <summary>At most this many entries.</summary>
    [FromQuery(Name = "limit")] public string? Limit { get; init; }

    /// <summary>The next_cursor of the previous page.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>The journal query for this kiosk and caller, or the 400 that says which parameter is wrong.</summary>
    public (EventQuery? Query, ApiFailure? Failure) ToQuery(string kioskId, string clientId)
    {
        DateTimeOffset? since = null;
        if (Since is not null)
        {
            if (!DateTimeOffset.TryParse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                return Bad($"since must be an ISO 8601 date and time, e.g. 2026-03-01T09:00:00Z; '{Since}' is not.");
            }

            since = at;
        }

        string? device = null;
        if (Device is not null)
        {
            var kind = DeviceNames.All.Where(k => DeviceNames.RouteSegment(k) == Device || DeviceNames.StatusKey(k) == Device).Cast<DeviceKind?>().FirstOrDefault();
            if (kind is null)
            {
                return Bad($"device must be one of {string.Join(", ", DeviceNames.All.Select(DeviceNames.RouteSegment))}; '{Device}' is not.");
            }

            device = DeviceNames.StatusKey(kind.Value);
        }

        EntryType? type = null;
        if (Type is not null)
        {
            if (!EntryTypes.TryParse(Type, out var parsed))
            {
                return Bad($"type must be one of {string.Join(", ", EntryTypes.Words)}; '{Type}' is not.");
            }

            type = parsed;
        }

        var limit = EventQuery.DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > EventQuery.MaxLimit))
        {
            return Bad($"limit must be a whole number from 1 to {EventQuery.MaxLimit}; '{Limit}' is not.");
        }

        if (Cursor is not null && !JournalCursor.TryDecode(Cursor, out _))
        {
            return Bad("cursor must be a next_cursor this route returned.");
        }

        return (new EventQuery
        {
            KioskId = kioskId,
            AgentWideClientId = clientId,
            Since = since,
            Device = device,
            Type = type,
            Limit = limit,
            Cursor = Cursor,
        }, null);
    }

    private static (EventQuery?, ApiFailure?) Bad(string message) => (null, ApiResults.BadRequest(message));
}
