using KioskAgent.Devices.Runtime;

namespace KioskAgent.Journal;

/// <summary>
/// Subscribes the journal to the registry's transitions in <see cref="StartingAsync"/>, which runs before any
/// hosted service starts: the supervisors' first transitions (Offline → Online) are recorded whatever the
/// registration order.
/// </summary>
public sealed class TransitionRecording(OperationsJournal journal, DeviceRegistry registry) : IHostedLifecycleService
{
    private IDisposable? _recording;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _recording = journal.RecordTransitionsOf(registry);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _recording?.Dispose();
        return Task.CompletedTask;
    }
}
