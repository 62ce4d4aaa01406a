using KioskAgent.Devices.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Devices.Cpu;

/// <summary>
/// Samples the host every <see cref="CpuMonitorOptions.Interval"/> and publishes the result to the CPU slot of every
/// kiosk this agent serves (they share one computer). The first sample is taken during start, so the CPU reads a
/// real state as soon as the agent listens; usage appears from the second sample on.
/// </summary>
public sealed partial class CpuMonitor : BackgroundService
{
    private readonly DeviceSlot[] _slots;
    private readonly HostStatsReader _reader;
    private readonly CpuMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CpuMonitor> _logger;
    private HostSample? _previous;
    private string? _lastFailure;

    public CpuMonitor(DeviceRegistry registry, CpuMonitorOptions options, TimeProvider time, ILogger<CpuMonitor> logger)
    {
        _slots = registry.KioskIds.Select(id => registry.Slot(id, DeviceKind.Cpu)).ToArray();
        _reader = new HostStatsReader(options.Root);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The CPU slot of one kiosk, before the first sample.</summary>
    public static DeviceSlot CreateSlot(string kioskId) => new(kioskId, DeviceKind.Cpu, CpuSnapshot.Unknown);

    /// <summary>Takes one sample and publishes it; the loop calls this, tests may too.</summary>
    public void SampleOnce()
    {
        CpuSnapshot snapshot;
        try
        {
            var sample = _reader.Read();
            snapshot = CpuAssessment.Assess(sample, _previous, _options, _time.GetUtcNow(), _reader.ProcDirectory);
            _previous = sample;
            if (_lastFailure is not null)
            {
                LogReadable(_logger, _reader.ProcDirectory);
                _lastFailure = null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            var last = _slots.Length > 0 ? _slots[0].Current as CpuSnapshot ?? CpuSnapshot.Unknown : CpuSnapshot.Unknown;
            snapshot = CpuAssessment.Unreadable(last, ex, _reader.ProcDirectory);
            _previous = null;
            if (_lastFailure != ex.Message)
            {
                // Once per distinct failure: on a host without /proc this would otherwise repeat every interval.
                LogUnreadable(_logger, ex.Message);
                _lastFailure = ex.Message;
            }
        }

        foreach (var slot in _slots)
        {
            slot.Publish(snapshot);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SampleOnce();
        using var timer = new PeriodicTimer(_options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                SampleOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last snapshot stays as it was.
        }
    }

    [LoggerMessage(2900, LogLevel.Warning, "Host CPU figures unreadable; the cpu reads Offline: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    [LoggerMessage(2901, LogLevel.Information, "Host CPU figures readable again from {Directory}")]
    private static partial void LogReadable(ILogger logger, string directory);
}
