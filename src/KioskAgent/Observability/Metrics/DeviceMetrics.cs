using System.Diagnostics.Metrics;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Observability.Metrics;

/// <summary>
/// The devices as metrics, read from the registry at each scrape: state per device (1 for the current state word,
/// 0 for the others), seconds since the device last answered, and poll errors counted from the registry's
/// transitions into Offline, by error code. Restarts are counted by the device runtime itself (<see cref="RestartMetrics"/>).
/// </summary>
public sealed class DeviceMetrics : IHostedLifecycleService, IDisposable
{
    public const string MeterName = "KioskAgent";

    private readonly DeviceRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Counter<long> _pollErrors;

    public DeviceMetrics(DeviceRegistry registry, TimeProvider time, IMeterFactory meters)
    {
        _registry = registry;
        _time = time;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("kioskagent.device.state", ObserveStates, null,
            "1 for the device's current state word (Online, Offline, Ready...), 0 for the other words of its kind.");
        _meter.CreateObservableGauge("kioskagent.device.observed.age", ObserveAges, "s",
            "Seconds since the device last answered a probe; absent until it first answers.");
        _pollErrors = _meter.CreateCounter<long>("kioskagent.device.poll.errors", "{error}",
            "Times a device went Offline, by the error code (reason) it went Offline with.");
    }

    /// <summary>Subscribes before any hosted service starts, so the devices' first transitions are counted.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _registry.Transition += OnTransition;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _registry.Transition -= OnTransition;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registry.Transition -= OnTransition;
        _meter.Dispose();
    }

    internal void OnTransition(DeviceSlot slot, DeviceSnapshot previous, DeviceSnapshot current)
    {
        if (current.Health != DeviceHealth.Offline)
        {
            return;
        }

        var before = previous.Health == DeviceHealth.Offline ? previous.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var code in current.Errors.Select(e => e.Code).Distinct(StringComparer.Ordinal).Where(c => !before.Contains(c)))
        {
            _pollErrors.Add(1, Tag("kiosk", slot.KioskId), Tag("device", DeviceNames.StatusKey(slot.Kind)), Tag("reason", code));
        }
    }

    private IEnumerable<Measurement<int>> ObserveStates()
    {
        foreach (var slot in _registry.Slots.Where(s => s.IsConfigured))
        {
            var current = slot.Current.State;
            foreach (var word in DeviceStates.Vocabulary(slot.Kind))
            {
                yield return new Measurement<int>(word == current ? 1 : 0,
                    Tag("kiosk", slot.KioskId), Tag("device", DeviceNames.StatusKey(slot.Kind)), Tag("state", word));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveAges()
    {
        var now = _time.GetUtcNow();
        foreach (var slot in _registry.Slots)
        {
            if (slot.IsConfigured && slot.Current.ObservedAt is { } observed)
            {
                yield return new Measurement<double>(Math.Max(0, (now - observed).TotalSeconds),
                    Tag("kiosk", slot.KioskId), Tag("device", DeviceNames.StatusKey(slot.Kind)));
            }
        }
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
