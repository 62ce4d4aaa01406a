using KioskAgent.Devices;

namespace KioskAgent.Kiosk;

/// <summary>
/// Development only: lets a technician make the in-process emulators misbehave (paper out, jam, silence...)
/// and watch the status react. Not mapped outside Development unless <c>Emulators:FaultEndpoint</c> is true,
/// and it only ever reaches emulators, never real devices.
/// </summary>
public static class EmulatorFaultApi
{
    public static IEndpointRouteBuilder MapEmulatorFaults(this IEndpointRouteBuilder app, IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsDevelopment() && !configuration.GetValue<bool>("Emulators:FaultEndpoint"))
        {
            return app;
        }

        var group = app.MapGroup("/dev/emulators").ExcludeFromDescription();
        group.MapGet("/", List);
        group.MapPost("/{kiosk_id}/{device}/{fault}", Inject);
        return app;
    }

    public static IResult List(EmulatedHardware hardware) =>
        Results.Ok(hardware.Devices.Select(d => new
        {
            kiosk_id = d.Kiosk,
            device = DeviceNames.RouteSegment(d.Kind),
            powered = d.Emulator.IsPowered,
            answering = d.Emulator.IsAnswering,
            faults = d.Emulator.FaultNames,
        }));

    public static IResult Inject(string kiosk_id, string device, string fault, EmulatedHardware hardware)
    {
        if (!DeviceNames.TryParseRouteSegment(device, out var kind) || hardware.Device(kiosk_id, kind) is not { } emulator)
        {
            return Results.NotFound(new { error = $"No emulator for '{device}' on kiosk '{kiosk_id}'." });
        }

        return emulator.Inject(fault)
            ? Results.Ok(new { kiosk_id, device, fault, applied = true })
            : Results.BadRequest(new { error = $"Unknown fault '{fault}'.", faults = emulator.FaultNames });
    }
}
