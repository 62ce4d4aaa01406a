namespace KioskAgent.Devices.Runtime;

/// <summary>Timing of one device's supervisor (bound per device; defaults suit real hardware).</summary>
public sealed class SupervisorOptions
{
    /// <summary>First wait before reconnecting after a fault; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a restart may take before the caller gets 504 device_timeout (the device keeps being probed).</summary>
    public TimeSpan RestartDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the supply stays cut during a power cycle (2–5 s on real hardware).</summary>
    public TimeSpan PowerOffTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause between health probes while waiting for a restarted device to answer.</summary>
    public TimeSpan RestartProbeInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// After a restart, how long probe attempts are cut short at the protocol's <c>QuickProbeTimeout</c> before they
    /// get the protocol's own timeouts, so a device that is up but answers slower still comes back. Zero disables it.
    /// </summary>
    public TimeSpan RestartQuickProbeWindow { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Validate(string prefix)
    {
        if (ReconnectDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectDelay)
        {
            yield return $"{prefix}:ReconnectDelay must be positive and not above ReconnectMaxDelay.";
        }

        if (RestartDeadline <= PowerOffTime)
        {
            yield return $"{prefix}:RestartDeadline ({RestartDeadline}) must be longer than PowerOffTime ({PowerOffTime}).";
        }

        if (PowerOffTime < TimeSpan.Zero || RestartProbeInterval <= TimeSpan.Zero)
        {
            yield return $"{prefix}:PowerOffTime must not be negative and RestartProbeInterval must be positive.";
        }

        if (RestartQuickProbeWindow < TimeSpan.Zero)
        {
            yield return $"{prefix}:RestartQuickProbeWindow must not be negative.";
        }
    }
}
