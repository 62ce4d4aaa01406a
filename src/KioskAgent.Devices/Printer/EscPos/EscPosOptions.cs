namespace KioskAgent.Devices.Printer.EscPos;

/// <summary>ESC/POS timing (bound from <c>Kiosks:N:Printer:EscPos</c>).</summary>
public sealed class EscPosOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A real-time reply comes "at once"; this is the wait before calling the printer silent.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    public IEnumerable<string> Validate(string prefix)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(20))
        {
            yield return $"{prefix}:PollInterval must be at least 20 ms.";
        }

        if (ReplyTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:ReplyTimeout must be positive.";
        }
    }
}
