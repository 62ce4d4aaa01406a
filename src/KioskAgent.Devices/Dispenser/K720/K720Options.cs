namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>K720-family settings and timing (bound from <c>Kiosks:N:Dispenser:K720</c>).</summary>
public sealed class K720Options
{
    /// <summary>The manual's floor between two status checks; a shorter gap is refused at start.</summary>
    public static readonly TimeSpan MinStatusCheckGap = TimeSpan.FromMilliseconds(200);

    /// <summary>The unit address set on the dispenser (two digits on the wire, 00..99).</summary>
    public int Address { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Least time from the end of one status check to the start of the next (at least 200 ms).</summary>
    public TimeSpan StatusCheckGap { get; set; } = MinStatusCheckGap;

    /// <summary>Wait for ACK/NAK after a packet.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Wait for the reply packet after ENQ.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a command is sent again after a NAK, no ACK, no reply or a wrong address before giving up.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>How long the dispenser is left alone after RS (its mechanism re-homes) before the next command.</summary>
    public TimeSpan ResetTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Ask the firmware version (GV) on connect; a unit that does not answer it is not a fault.</summary>
    public bool ReadVersion { get; set; } = true;

    public K720SensorMap Sensors { get; set; } = new();

    public K720Address UnitAddress => K720Address.Unit(Address);

    public IEnumerable<string> Validate(string prefix)
    {
        if (Address is < 0 or > 99)
        {
            yield return $"{prefix}:Address {Address} is outside 0..99 (two ASCII digits on the wire).";
        }

        if (StatusCheckGap < MinStatusCheckGap)
        {
            yield return $"{prefix}:StatusCheckGap must be at least {MinStatusCheckGap.TotalMilliseconds:0} ms (the K720 manual's minimum between status checks).";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return $"{prefix}:PollInterval must be positive (the status check gap is enforced separately).";
        }

        if (AckTimeout <= TimeSpan.Zero || ReplyTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:AckTimeout and ReplyTimeout must be positive.";
        }

        if (Retries is < 0 or > 10)
        {
            yield return $"{prefix}:Retries {Retries} is outside 0..10.";
        }

        if (ResetTime < TimeSpan.Zero)
        {
            yield return $"{prefix}:ResetTime must not be negative.";
        }

        foreach (var problem in Sensors.Validate($"{prefix}:Sensors"))
        {
            yield return problem;
        }
    }
}
