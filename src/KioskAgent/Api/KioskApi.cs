using KioskAgent.Auth;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Envelope;
using KioskAgent.Observability;
using KioskAgent.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KioskAgent.Api;

/// <summary>The kiosk routes of the contract: kiosk status, device status, device restart.</summary>
public static class KioskApi
{
    private static readonly string KnownDevices = string.Join(", ", DeviceNames.All.Select(DeviceNames.RouteSegment));

    public static RouteGroupBuilder MapKioskApi(this IEndpointRouteBuilder app)
    {
        // Every kiosk route needs a valid integrator token; which kiosk and scope it allows is decided once, in the filter.
        var group = app.MapGroup("/api/kiosk/{kiosk_id}")
            .RequireKioskAccess()
            .WithTags("Kiosk")
            .ProducesApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized)
            .ProducesApiError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden)
            .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound);

        group.MapGet("/status", GetKioskStatus)
            .WithMetadata(new RequiredScope(Scopes.Read))
            .WithSummary("State of every component of the kiosk")
            .WithDescription("One state word per component, from the latest observation (no device is asked during the request). "
                + "cpu: Normal/High/Critical (Offline where the host exposes no /proc). printer, dispenser, scanner: Online/Warning/Error/Offline/Restarting/Disabled. "
                + "tpv, bill_reader: Ready/Busy/Warning/Error/Offline/Restarting/Disabled. Disabled = not configured on this kiosk. Scope kiosk:read.")
            .WithSuccessExample(ApiExamples.KioskStatus);

        group.MapGet("/{device}/status", GetDeviceStatus)
            .WithMetadata(new RequiredScope(Scopes.Read))
            .WithSummary("Detail of one device: state, when observed, connection, errors and its own fields")
            .WithDescription($"device: {KnownDevices}. Every device reports state, observed_at, connection and errors ({{code, message, action}} with action reset/clear/maintenance); "
                + "each kind adds its own fields (cpu: usage_percent, cores, load_1m/5m/15m, memory_*, temperature_c). A device not configured on this kiosk is 404 device_not_found. Scope kiosk:read.")
            .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound, ErrorCodes.DeviceNotFound)
            .WithSuccessExample(ApiExamples.CpuStatus);

        group.MapPost("/{device}/restart", RestartDevice)
            .WithMetadata(new RequiredScope(Scopes.Maintain))
            .WithSummary("Power-cycle a device and wait until it answers again")
            .WithDescription("device: printer, dispenser, scanner, tpv, bill-reader. Cuts the device's supply through the kiosk's relay (power_cycle) or, without a relay channel, "
                + "sends its own reset command (soft_reset), then waits until it answers its health probe, up to the restart deadline (504 device_timeout with the operation_id). "
                + "A restart requested while one runs joins it (same operation_id). It interrupts whatever the device was doing, including a guest's session. Scope kiosk:maintain.")
            .ProducesApiError(StatusCodes.Status404NotFound, ErrorCodes.KioskNotFound, ErrorCodes.DeviceNotFound)
            .ProducesApiError(StatusCodes.Status409Conflict, ErrorCodes.RestartNotSupported)
            .ProducesApiError(StatusCodes.Status503ServiceUnavailable, ErrorCodes.RestartFailed)
            .ProducesApiError(StatusCodes.Status504GatewayTimeout, ErrorCodes.DeviceTimeout)
            .WithSuccessExample(ApiExamples.Restart);

        return group;
    }

    public static Results<ApiOk<KioskStatus>, ApiFailure> GetKioskStatus(
        [FromRoute(Name = "kiosk_id")] string kioskId, DeviceRegistry registry, KioskStatusReplies replies)
    {
        if (!registry.Serves(kioskId))
        {
            return ApiResults.KioskNotFound(kioskId);
        }

        var (status, json) = replies.Current(kioskId);
        return new ApiOk<KioskStatus>(status, json);
    }

    public static Results<ApiOk<DeviceSnapshot>, ApiFailure> GetDeviceStatus([FromRoute(Name = "kiosk_id")] string kioskId, string device, DeviceRegistry registry) =>
        FindDevice(registry, kioskId, device) switch
        {
            (DeviceSlot slot, _) => ApiResults.Ok(slot.Current),
            (_, var failure) => failure!,
        };

    public static async Task<Results<ApiOk<RestartReply>, ApiFailure>> RestartDevice(
        [FromRoute(Name = "kiosk_id")] string kioskId, string device, DeviceRegistry registry, HttpContext http)
    {
        var (slot, failure) = FindDevice(registry, kioskId, device);
        if (slot is null)
        {
            return failure!;
        }

        if (slot.Restarter is not { } restarter)
        {
            return ApiResults.DeviceNotFound($"The {DeviceNames.StatusKey(slot.Kind)} of kiosk '{kioskId}' cannot be restarted through the API.");
        }

        var integrator = IntegratorPrincipal.Of(http)?.Integrator ?? "?";
        var outcome = await restarter.RestartAsync(new RestartRequest(integrator, RequestIds.Of(http)), http.RequestAborted);
        // Logged by the supervisor: requested (integrator, request id), joined, power off/on, outcome.
        var name = DeviceNames.StatusKey(slot.Kind);
        return outcome.Result switch
        {
            RestartResult.Completed => ApiResults.Ok(RestartReply.Of(outcome)),
            RestartResult.TimedOut => ApiResults.Failure(StatusCodes.Status504GatewayTimeout, ErrorCodes.DeviceTimeout,
                outcome.Failure ?? $"The {name} did not come back before the restart deadline.", outcome.OperationId),
            RestartResult.NotSupported => ApiResults.Failure(StatusCodes.Status409Conflict, ErrorCodes.RestartNotSupported,
                outcome.Failure ?? $"The {name} cannot be restarted: no relay channel and no reset command.", outcome.OperationId),
            _ => ApiResults.Failure(StatusCodes.Status503ServiceUnavailable, ErrorCodes.RestartFailed,
                outcome.Failure ?? $"The restart of the {name} failed.", outcome.OperationId),
        };
    }

    /// <summary>The slot of a configured device, or the 404 that says why there is none.</summary>
    private static (DeviceSlot? Slot, ApiFailure? Failure) FindDevice(DeviceRegistry registry, string kioskId, string device)
    {
        if (!registry.Serves(kioskId))
        {
            return (null, ApiResults.KioskNotFound(kioskId));
        }

        if (!DeviceNames.TryParseRouteSegment(device, out var kind))
        {
            return (null, ApiResults.DeviceNotFound($"There is no device '{device}'; the devices are {KnownDevices}."));
        }

        var slot = registry.Slot(kioskId, kind);
        return slot.IsConfigured
            ? (slot, null)
            : (null, ApiResults.DeviceNotFound($"No {DeviceNames.StatusKey(kind)} is configured on kiosk '{kioskId}'."));
    }
}
