using System.Net;
using System.Text.Json;
using KioskAgent.Devices;
using KioskAgent.Kiosk;
using KioskAgent.Simulator;
using KioskAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KioskAgent.Tests.Devices;

/// <summary>
/// The agent on its embedded configuration (every device on its in-process emulator behind the emulated relay),
/// with restart and boot timings shortened so restarts take a fraction of a second.
/// </summary>
public sealed class EmulatedKioskAgent : AgentFactory
{
    /// <summary>Every device kind the agent drives: a new module is covered without editing this fixture.</summary>
    private static readonly IEnumerable<string> Sections = DeviceModules.All.Select(m => m.Section);

    public EmulatedKioskAgent()
        : base("Development", FastTimings(), null)
    {
    }

    public static string Kiosk => $"/api/kiosk/{KioskId}";

    public EmulatedHardware Hardware => Services.GetRequiredService<EmulatedHardware>();

    public DeviceEmulator Emulator(DeviceKind kind) =>
        Hardware.Device(KioskId, kind) ?? throw new InvalidOperationException($"No emulated {kind} in the embedded configuration.");

    /// <summary>Polls a device's status route until the condition holds (the supervisor publishes in the background).</summary>
    public async Task<JsonElement> WaitForStatusAsync(HttpClient client, string device, Func<JsonElement, bool> condition, string what)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        JsonElement data = default;
        while (started.Elapsed < TimeSpan.FromSeconds(15))
        {
            using var response = await client.GetAsync($"{Kiosk}/{device}/status");
            data = (await response.EnvelopeAsync(HttpStatusCode.OK)).GetProperty("data");
            if (condition(data))
            {
                return data;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"{device}: {what} not seen within 15 s; last: {data}");
    }

    private static Dictionary<string, string?> FastTimings()
    {
        var settings = new Dictionary<string, string?>
        {
            // The TPV is polled every 5 s in production (a terminal must not be flooded); tests need it quicker.
            ["Kiosks:0:Tpv:Zvt:PollInterval"] = "00:00:00.200",
        };
        foreach (var section in Sections)
        {
            settings[$"Kiosks:0:{section}:Supervisor:PowerOffTime"] = "00:00:00.100";
            settings[$"Kiosks:0:{section}:EmulatorBootTime"] = "00:00:00.100";
        }

        return settings;
    }
}
