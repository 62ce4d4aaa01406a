using System.Collections.Concurrent;
using KioskAgent.Kiosk;
using KioskAgent.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace KioskAgent.ProofTests.Support;

/// <summary>
/// The agent in-process on its own appsettings plus a second kiosk (<see cref="SecondKioskId"/>, its own relay and
/// emulated printer), short power-off and boot times so restarts take a fraction of a second, and every log event
/// captured (Serilog reads <see cref="ILogEventSink"/>s from the services).
/// </summary>
public class ProofAgent : AgentFactory
{
    public const string SecondKioskId = "kiosk-b";

    public ProofAgent() : this(new Dictionary<string, string?>())
    {
    }

    protected ProofAgent(IReadOnlyDictionary<string, string?> extra) : base("Development", Merge(extra), null)
    {
    }

    public static ProofAgent WithSettings(IReadOnlyDictionary<string, string?> extra) => new(extra);

    public CapturedLog Log { get; } = new();

    public EmulatedHardware Hardware => Services.GetRequiredService<EmulatedHardware>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Log));
    }

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kiosks:1:Id"] = SecondKioskId,
            ["Kiosks:1:Relay:Link:Kind"] = "Emulator",
            ["Kiosks:1:Printer:Link:Kind"] = "Emulator",
            ["Kiosks:1:Printer:RelayChannel"] = "1",
        };
        foreach (var (kiosk, device) in DeviceModules.All.Select(m => ("0", m.Section)).Append(("1", "Printer")))
        {
            settings[$"Kiosks:{kiosk}:{device}:EmulatorBootTime"] = "00:00:00.100";
            settings[$"Kiosks:{kiosk}:{device}:Supervisor:PowerOffTime"] = "00:00:00.100";
            settings[$"Kiosks:{kiosk}:{device}:Supervisor:RestartProbeInterval"] = "00:00:00.020";
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>Every log event the agent wrote, rendered, for scanning (secrets must never be in it).</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int Count => _lines.Count;

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        _lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {properties} {logEvent.Exception}");
    }

    public IReadOnlyList<string> Containing(string secret) => _lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ToList();
}
