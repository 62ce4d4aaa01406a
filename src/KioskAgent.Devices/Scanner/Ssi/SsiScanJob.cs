using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// The one scan that was asked for, carried out between status probes on the supervisor's loop:
/// SCAN_ENABLE + START_DECODE when it starts, SCAN_DISABLE when a code came or the window closed.
/// The status probe itself never enables scanning.
/// </summary>
internal sealed class SsiScanJob(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Job? _job;

    /// <summary>A scan is queued or running: the supervisor should poll fast.</summary>
    public bool IsWanted
    {
        get { lock (_gate) { return _job is not null; } }
    }

    /// <summary>What the agent last told the decoder (SCAN_ENABLE / SCAN_DISABLE acknowledged).</summary>
    public bool ScanEnabled { get; set; }

    public Task<ScannedCode> RequestAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate)
        {
            _job ??= new Job(window);
            return _job.Completion.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The connection was reopened: a scan begun on the old one cannot be trusted to finish.</summary>
    public void ConnectionReset(SsiConversation conversation)
    {
        Abandon("The scanner's connection was reset during the scan.", null);
        conversation.Decoded.Clear();
    }

    /// <summary>
    /// The scanner stopped answering properly: the supervisor closes the link after any fault, so a scan begun on it
    /// (even one whose SCAN_ENABLE went out but whose START_DECODE got no answer) fails now instead of waiting for a
    /// reconnection that may never come. A scan not begun yet stays queued for the next connection.
    /// </summary>
    public void ConnectionLost(DeviceFaultException fault) =>
        Abandon($"The scanner stopped answering during the scan: {fault.Message}", fault);

    private void Abandon(string message, Exception? inner)
    {
        if (Current() is { Begun: true } job)
        {
            Finish(job, DeviceFaultException.LinkLost(message, inner));
        }
    }

    /// <summary>Does whatever the scan needs now: start it, hand over a code, or close the window.</summary>
    public async Task ServeAsync(LinkSession session, SsiConversation conversation, CancellationToken cancellationToken)
    {
        var job = Current();
        if (job is null)
        {
            conversation.Decoded.Clear(); // nobody asked: a code read now is not anyone's
            return;
        }

        if (job.StartedAt is null)
        {
            conversation.Decoded.Clear();
            job.Begun = true;
            var refusal = await CommandAsync(session, conversation, SsiOpcode.ScanEnable, cancellationToken).ConfigureAwait(false)
                ?? await CommandAsync(session, conversation, SsiOpcode.StartDecode, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                await DisableAsync(session, conversation, cancellationToken).ConfigureAwait(false);
                Finish(job, new DeviceFaultException("device_refused", $"The scanner refused to start scanning (NAK {refusal})."));
                return;
            }

            ScanEnabled = true;
            job.StartedAt = time.GetTimestamp();
            return;
        }

        if (conversation.Decoded.TryDequeue(out var code))
        {
            await DisableAsync(session, conversation, cancellationToken).ConfigureAwait(false);
            Finish(job, null, code);
        }
        else if (time.GetElapsedTime(job.StartedAt.Value) >= job.Window)
        {
            await CommandAsync(session, conversation, SsiOpcode.StopDecode, cancellationToken).ConfigureAwait(false);
            await DisableAsync(session, conversation, cancellationToken).ConfigureAwait(false);
            Finish(job, new TimeoutException($"Nothing was scanned within {job.Window.TotalSeconds:0.#} s."));
        }
    }

    /// <summary>SCAN_DISABLE; returns the NAK cause when refused.</summary>
    public async Task<ScannerRefusal?> DisableAsync(LinkSession session, SsiConversation conversation, CancellationToken cancellationToken)
    {
        var refusal = await CommandAsync(session, conversation, SsiOpcode.ScanDisable, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            ScanEnabled = false;
        }

        return refusal;
    }

    private static async Task<ScannerRefusal?> CommandAsync(LinkSession session, SsiConversation conversation, SsiOpcode opcode, CancellationToken cancellationToken)
    {
        var answer = await conversation.RequestAsync(session, SsiPacket.FromHost(opcode), SsiOpcode.CmdAck, cancellationToken).ConfigureAwait(false);
        return answer.NakCause is { } cause ? SsiAnswer.Refusal(cause) : null;
    }

    private Job? Current()
    {
        lock (_gate)
        {
            return _job;
        }
    }

    private void Finish(Job job, Exception? failure, ScannedCode? code = null)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_job, job))
            {
                _job = null;
            }
        }

        if (failure is null)
        {
            job.Completion.TrySetResult(code!);
        }
        else
        {
            job.Completion.TrySetException(failure);
        }
    }

    private sealed class Job(TimeSpan window)
    {
        public TimeSpan Window { get; } = window;

        /// <summary>SCAN_ENABLE went out: from here on a lost connection fails the scan.</summary>
        public bool Begun { get; set; }

        /// <summary>SCAN_ENABLE and START_DECODE were acknowledged: the window runs from here.</summary>
        public long? StartedAt { get; set; }

        public TaskCompletionSource<ScannedCode> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
