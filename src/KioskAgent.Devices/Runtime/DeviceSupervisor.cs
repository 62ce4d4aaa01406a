using System.Threading.Channels;
using KioskAgent.Devices.Links;
using KioskAgent.Devices.Power;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Devices.Runtime;

/// <summary>
/// Owns one device's link: connect → initialise → poll at the protocol's interval → publish snapshots; on any
/// fault, publish Offline with the reason and reconnect with backoff, forever. Restarts run on the same loop, so
/// nothing else ever touches the wire: bytes of two commands cannot interleave.
/// </summary>
public sealed class DeviceSupervisor : BackgroundService, IDeviceRestarter
{
    private readonly DeviceSlot _slot;
    private readonly IDeviceLink _link;
    private readonly IDeviceProtocol _protocol;
    private readonly RelayChannel? _relay;
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IRestartJournal? _journal;
    private readonly Channel<RestartOperation> _restarts = Channel.CreateUnbounded<RestartOperation>();
    private Task<bool>? _restartArrival;
    private readonly Lock _gate = new();
    private RestartOperation? _pending;

    /// <summary>The session a restart's probe found the device answering on, initialised, for the poll loop to go on with.</summary>
    private LinkSession? _answering;
    private string? _lastFaultCode;

    public DeviceSupervisor(
        DeviceSlot slot,
        IDeviceLink link,
        IDeviceProtocol protocol,
        RelayChannel? relay,
        SupervisorOptions options,
        TimeProvider time,
        ILogger<DeviceSupervisor> logger,
        IRestartJournal? journal = null)
    {
        _journal = journal;
        _slot = slot;
        _link = link;
        _protocol = protocol;
        _relay = relay;
        _options = options;
        _time = time;
        _logger = logger;
        slot.Restarter = this;
        slot.Publish(protocol.Unknown with { Connection = ConnectionInfo.Disconnected(protocol.Name, link.Description) });
    }

    public DeviceKind Kind => _slot.Kind;

    /// <inheritdoc />
    public Task<RestartOutcome> RestartAsync(RestartRequest request, CancellationToken cancellationToken)
    {
        RestartOperation operation;
        lock (_gate)
        {
            if (_pending is null)
            {
                if (_relay is null && !_protocol.HasSoftReset)
                {
                    var refused = new RestartOutcome(
                        Guid.NewGuid(), Kind, RestartMethod.SoftReset, RestartResult.NotSupported, _slot.Current, TimeSpan.Zero,
                        $"The {DeviceNames.StatusKey(Kind)} has no reset command ({_protocol.Name}) and no power relay channel is configured for it.");
                    RestartMetrics.Record(_slot.KioskId, refused);
                    return Task.FromResult(refused);
                }

                _pending = new RestartOperation(Guid.NewGuid(), request, _time.GetTimestamp(), _relay is null ? RestartMethod.SoftReset : RestartMethod.PowerCycle);
                _restarts.Writer.TryWrite(_pending);
                SupervisorLog.RestartRequested(_logger, Kind, _slot.KioskId, _pending.Id, _pending.Method, request.RequestedBy, request.RequestId);
            }
            else
            {
                SupervisorLog.RestartJoined(_logger, Kind, _slot.KioskId, _pending.Id, request.RequestedBy, request.RequestId);
            }

            operation = _pending;
        }

        return operation.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = _options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollUntilRestartRequestedAsync(stoppingToken).ConfigureAwait(false);
                await RunRestartAsync(stoppingToken).ConfigureAwait(false);
                backoff = _options.ReconnectDelay;
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                PublishFault(ex);
            }

            try
            {
                if (await WaitForRestartRequestAsync(backoff, stoppingToken).ConfigureAwait(false))
                {
                    await RunRestartAsync(stoppingToken).ConfigureAwait(false);
                    backoff = _options.ReconnectDelay;
                }
                else
                {
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        lock (_gate)
        {
            _pending?.Completion.TrySetCanceled(stoppingToken);
        }

        if (_answering is { } left)
        {
            await left.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Connects and polls; returns when a restart is requested, throws on any fault. After a restart it goes on with
    /// the session the restart's probe left answering: the device was just initialised and read, not twice.
    /// </summary>
    private async Task PollUntilRestartRequestedAsync(CancellationToken stoppingToken)
    {
        var handedOver = _answering;
        _answering = null;
        await using var session = handedOver ?? await OpenAsync(stoppingToken).ConfigureAwait(false);
        if (handedOver is null)
        {
            await _protocol.InitializeAsync(session, stoppingToken).ConfigureAwait(false);
            PublishAnswer(await _protocol.ReadStatusAsync(session, stoppingToken).ConfigureAwait(false));
        }

        while (!await WaitForRestartRequestAsync(_protocol.PollInterval, stoppingToken).ConfigureAwait(false))
        {
            PublishAnswer(await _protocol.ReadStatusAsync(session, stoppingToken).ConfigureAwait(false));
        }
    }

    private async Task RunRestartAsync(CancellationToken stoppingToken)
    {
        if (!_restarts.Reader.TryRead(out var operation))
        {
            return;
        }

        RestartOutcome outcome;
        try
        {
            outcome = await PerformRestartAsync(operation, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            operation.Completion.TrySetCanceled(stoppingToken);
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }

        var durationMs = (long)outcome.Duration.TotalMilliseconds;
        if (outcome.Result == RestartResult.Completed)
        {
            SupervisorLog.RestartCompleted(_logger, Kind, _slot.KioskId, operation.Id, durationMs, operation.Request.RequestedBy);
        }
        else
        {
            SupervisorLog.RestartUnsuccessful(_logger, Kind, _slot.KioskId, operation.Id, outcome.Result, durationMs, operation.Request.RequestedBy, outcome.Failure);
        }

        RestartMetrics.Record(_slot.KioskId, outcome);
        operation.Completion.TrySetResult(outcome);
    }

    private async Task<RestartOutcome> PerformRestartAsync(RestartOperation operation, CancellationToken stoppingToken)
    {
        var remaining = _options.RestartDeadline - _time.GetElapsedTime(operation.StartedAt);
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        var token = linked.Token;
        _slot.Publish(_slot.Current with { Health = DeviceHealth.Restarting, Connection = ConnectionInfo.Disconnected(_protocol.Name, _link.Description) });
        RestartOutcome outcome;
        try
        {
            // Durable before the relay moves: a crash from here on leaves a record to mark interrupted.
            await JournalAsync(operation, RestartPhase.Requested, null, stoppingToken).ConfigureAwait(false);
            if (_relay is { } relay)
            {
                await PowerCycleAsync(relay, operation, token).ConfigureAwait(false);
            }
            else
            {
                await using var session = await OpenAsync(token).ConfigureAwait(false);
                await _protocol.SoftResetAsync(session, token).ConfigureAwait(false);
            }

            await JournalAsync(operation, RestartPhase.Probing, null, stoppingToken).ConfigureAwait(false);
            var snapshot = await ProbeUntilAnswerAsync(token).ConfigureAwait(false);
            outcome = Outcome(operation, RestartResult.Completed, snapshot, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            var why = $"The {DeviceNames.StatusKey(Kind)} did not answer within {_options.RestartDeadline.TotalSeconds:0.#} s of the restart request.";
            PublishFault(new DeviceFaultException("restart_timeout", why));
            outcome = Outcome(operation, RestartResult.TimedOut, _slot.Current, why);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            PublishFault(ex);
            outcome = Outcome(operation, RestartResult.Failed, _slot.Current, ex.Message);
        }

        var phase = outcome.Result switch
        {
            RestartResult.Completed => RestartPhase.Completed,
            RestartResult.TimedOut => RestartPhase.TimedOut,
            _ => RestartPhase.Failed,
        };
        await JournalAsync(operation, phase, outcome.Failure ?? $"{(long)outcome.Duration.TotalMilliseconds} ms, {outcome.Snapshot.State}", stoppingToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task JournalAsync(RestartOperation operation, RestartPhase phase, string? detail, CancellationToken stoppingToken)
    {
        if (_journal is null)
        {
            return;
        }

        try
        {
            await _journal.RecordAsync(
                new RestartPhaseRecord(operation.Id, _slot.KioskId, Kind, operation.Method, phase, operation.Request, _time.GetUtcNow(), detail),
                stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            SupervisorLog.JournalFailed(_logger, Kind, _slot.KioskId, operation.Id, phase, ex);
        }
    }

    private async Task PowerCycleAsync(RelayChannel relay, RestartOperation operation, CancellationToken token)
    {
        await relay.Board.SwitchAsync(relay.Channel, on: false, token).ConfigureAwait(false);
        SupervisorLog.PowerOff(_logger, Kind, _slot.KioskId, operation.Id, relay.ToString());
        await JournalAsync(operation, RestartPhase.PowerOff, relay.ToString(), token).ConfigureAwait(false);
        await Task.Delay(_options.PowerOffTime, _time, token).ConfigureAwait(false);
        await relay.Board.SwitchAsync(relay.Channel, on: true, token).ConfigureAwait(false);
        if (!await relay.Board.ReadAsync(relay.Channel, token).ConfigureAwait(false))
        {
            throw new DeviceFaultException("relay_failed", $"{relay} reads back off after being switched on.");
        }

        SupervisorLog.PowerOn(_logger, Kind, _slot.KioskId, operation.Id, relay.ToString());
        await JournalAsync(operation, RestartPhase.PowerOn, relay.ToString(), token).ConfigureAwait(false);
    }

    /// <summary>
    /// After a restart: open and probe until the device answers; the deadline token ends it. Within the quick-probe
    /// window, an attempt of a protocol that declares a <see cref="IDeviceProtocol.QuickProbeTimeout"/> is abandoned
    /// when it has heard nothing from the device by then, so a probe lost to a booting device costs a fraction of a
    /// reply timeout, while a device that answers slowly keeps its attempt.
    /// </summary>
    private async Task<DeviceSnapshot> ProbeUntilAnswerAsync(CancellationToken token)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            var quick = _protocol.QuickProbeTimeout is { } cut && _time.GetElapsedTime(started) < _options.RestartQuickProbeWindow
                ? cut
                : (TimeSpan?)null;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
            var probe = new ProbeAttempt();
            await using var silenceCut = quick is { } after
                ? _time.CreateTimer(static state => ((ProbeAttempt)state!).CutIfSilent(), probe, after, Timeout.InfiniteTimeSpan)
                : null;
            probe.Cancel = attempt;
            try
            {
                probe.Session = await OpenAsync(attempt.Token).ConfigureAwait(false);
                await _protocol.InitializeAsync(probe.Session, attempt.Token).ConfigureAwait(false);
                var snapshot = await _protocol.ReadStatusAsync(probe.Session, attempt.Token).ConfigureAwait(false);
                PublishAnswer(snapshot);
                (_answering, probe.Session) = (probe.Session, null);
                return _slot.Current;
            }
            catch (Exception ex) when (!token.IsCancellationRequested
                && (ex is DeviceFaultException or IOException or UnauthorizedAccessException
                    || (ex is OperationCanceledException && probe.WasCut)))
            {
                await Task.Delay(_options.RestartProbeInterval, _time, token).ConfigureAwait(false);
            }
            finally
            {
                if (probe.Session is { } session)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>One probe attempt after a restart, as the quick-probe timer sees it.</summary>
    private sealed class ProbeAttempt
    {
        private volatile bool _cut;

        public CancellationTokenSource? Cancel { get; set; }

        public LinkSession? Session { get; set; }

        public bool WasCut => _cut;

        /// <summary>Abandons the attempt if the device has not sent a byte: it is still booting, or off.</summary>
        public void CutIfSilent()
        {
            if (Session?.HasHeard == true)
            {
                return;
            }

            _cut = true;
            try
            {
                Cancel?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The attempt ended as the timer fired: nothing left to cut.
            }
        }
    }

    /// <summary>
    /// Waits out a delay; returns true early when a restart is requested. The wait for a request outlives the delay and
    /// is taken up again by the next wait, so no poll cancels it: a cancelled channel wait throws inside the runtime,
    /// and at a dozen polls a second those exceptions were a large part of an idle agent's CPU.
    /// </summary>
    private async Task<bool> WaitForRestartRequestAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        if (_restarts.Reader.TryPeek(out _))
        {
            _restartArrival = null;
            return true;
        }

        var requested = _restartArrival ??= _restarts.Reader.WaitToReadAsync(stoppingToken).AsTask();
        using var delayOver = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delayed = Task.Delay(delay, _time, delayOver.Token);
        if (await Task.WhenAny(delayed, requested).ConfigureAwait(false) == delayed)
        {
            await delayed.ConfigureAwait(false); // throws only when the agent stops
            return false;
        }

        _restartArrival = null;
        await delayOver.CancelAsync().ConfigureAwait(false); // a cancelled delay completes without throwing
        stoppingToken.ThrowIfCancellationRequested();
        return requested.IsCompletedSuccessfully && requested.Result;
    }

    private async Task<LinkSession> OpenAsync(CancellationToken token)
    {
        var stream = await _link.OpenAsync(token).ConfigureAwait(false);
        return new LinkSession(stream, _link.Description, _time);
    }

    private void PublishAnswer(DeviceSnapshot snapshot)
    {
        if (_lastFaultCode is not null)
        {
            SupervisorLog.Answering(_logger, Kind, _slot.KioskId, _link.Description);
            _lastFaultCode = null;
        }

        _slot.Publish(snapshot with
        {
            ObservedAt = _time.GetUtcNow(),
            Connection = ConnectionInfo.Connected(_protocol.Name, _link.Description),
        });
    }

    private void PublishFault(Exception ex)
    {
        var (code, message) = ex switch
        {
            DeviceFaultException fault => (fault.Code, fault.Message),
            IOException or UnauthorizedAccessException => ("link_unavailable", ex.Message),
            // The reply must not carry exception internals; the log line below has the exception.
            _ => ("driver_error", "The driver failed unexpectedly; see the agent log."),
        };
        if (code != _lastFaultCode)
        {
            // Once per kind of fault, not once per reconnect attempt: an unplugged device must not flood the log.
            SupervisorLog.Fault(_logger, Kind, _slot.KioskId, code, message, code == "driver_error" ? ex : null);
            _lastFaultCode = code;
        }

        _slot.Publish(_slot.Current with
        {
            Health = DeviceHealth.Offline,
            Connection = ConnectionInfo.Disconnected(_protocol.Name, _link.Description),
            Errors = [new DeviceError(code, message, RecoveryAction.Reset)],
        });
    }

    private RestartOutcome Outcome(RestartOperation operation, RestartResult result, DeviceSnapshot snapshot, string? failure) =>
        new(operation.Id, Kind, operation.Method, result, snapshot, _time.GetElapsedTime(operation.StartedAt), failure);

    private sealed record RestartOperation(Guid Id, RestartRequest Request, long StartedAt, RestartMethod Method)
    {
        public TaskCompletionSource<RestartOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
