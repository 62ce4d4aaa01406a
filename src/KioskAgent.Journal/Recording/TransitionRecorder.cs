using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Recording;

/// <summary>
/// Listens to the registry's transitions and queues one entry per transition. Runs on the publishing supervisor's
/// thread, so it only copies what it needs and hands it to the queue: it never waits and never throws.
/// </summary>
internal sealed class TransitionRecorder : IDisposable
{
    private readonly DeviceRegistry _registry;
    private readonly EntryQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TransitionRecorder(DeviceRegistry registry, EntryQueue queue, TimeProvider time, ILogger logger)
    {
        _registry = registry;
        _queue = queue;
        _time = time;
        _logger = logger;
        registry.Transition += OnTransition;
    }

    public void Dispose() => _registry.Transition -= OnTransition;

    private void OnTransition(DeviceSlot slot, DeviceSnapshot previous, DeviceSnapshot current)
    {
        try
        {
            _queue.Add(new PendingEntry(slot.KioskId, DeviceNames.StatusKey(slot.Kind), _time.GetUtcNow(), TransitionDetail.Between(previous, current)));
        }
        catch (Exception ex)
        {
            // An exception here would surface in the supervisor's poll loop and take the device offline.
            JournalLog.TransitionNotQueued(_logger, DeviceNames.StatusKey(slot.Kind), slot.KioskId, ex);
        }
    }
}
