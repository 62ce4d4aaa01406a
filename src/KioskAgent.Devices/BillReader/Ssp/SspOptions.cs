namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>SSP settings (bound from <c>Kiosks:N:BillReader:Ssp</c>). The figures ITL leaves open are here.</summary>
public sealed class SspOptions
{
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(300);

    /// <summary>ITL asks for a POLL every 100–300 ms; slower and a validator may time out a note in escrow.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Wait for one reply before resending the same packet (about 1 s: <i>unverified</i>).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Resends of an unanswered packet before the reader is called Offline (3: <i>unverified</i>).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Slave address; validators are 0.</summary>
    public byte Address { get; set; }

    /// <summary>Sequence flag of the SYNC packet; ITL's own hosts send 1 (<c>7F 80 01 11 65 82</c>). The next packet has flag 0 either way.</summary>
    public bool SyncSequenceFlag { get; set; } = true;

    public IEnumerable<string> Validate(string prefix)
    {
        if (PollInterval < MinPollInterval || PollInterval > MaxPollInterval)
        {
            yield return $"{prefix}:PollInterval {PollInterval.TotalMilliseconds:0} ms is outside 100..300 ms (ITL's polling window).";
        }

        if (ReplyTimeout < TimeSpan.FromMilliseconds(50) || ReplyTimeout > TimeSpan.FromSeconds(10))
        {
            yield return $"{prefix}:ReplyTimeout must be between 50 ms and 10 s.";
        }

        if (Retries is < 0 or > 10)
        {
            yield return $"{prefix}:Retries {Retries} is outside 0..10.";
        }

        if (Address > 0x7D)
        {
            yield return $"{prefix}:Address {Address} is outside 0..125.";
        }
    }
}
