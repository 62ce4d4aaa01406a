namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>Zebra SSI timing and behaviour (bound from <c>Kiosks:N:Scanner:Ssi</c>).</summary>
public sealed class SsiOptions
{
    /// <summary>Time between two REQUEST_REVISION probes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time between probes while a scan is pending or running: decode data is read and ACKed this fast.</summary>
    public TimeSpan ScanPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait for an ACK, NAK or reply before retransmitting (the guide leaves the host's figure open).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Retransmissions (retransmit bit set) after a missing reply or a NAK RESEND.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>Send SCAN_DISABLE on every connect: decoders power up scan-enabled.</summary>
    public bool DisableScanningOnConnect { get; set; } = true;

    /// <summary>ACK every DECODE_DATA/EVENT packet (the decoder's "ACK/NAK handshaking" parameter, on by default).</summary>
    public bool AckDecoderMessages { get; set; } = true;

    /// <summary>
    /// Returns the problems, each naming its key. A silent scanner must read Offline within two poll intervals,
    /// so one probe with all its retransmissions has to fit in one interval.
    /// </summary>
    public IEnumerable<string> Validate(string prefix)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(20))
        {
            yield return $"{prefix}:PollInterval must be at least 20 ms.";
        }

        if (ScanPollInterval < TimeSpan.FromMilliseconds(10) || ScanPollInterval > PollInterval)
        {
            yield return $"{prefix}:ScanPollInterval must be at least 10 ms and not above PollInterval.";
        }

        if (ReplyTimeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:ReplyTimeout must be positive.";
        }

        if (Retries is < 0 or > 5)
        {
            yield return $"{prefix}:Retries {Retries} is outside 0..5.";
        }
        else if (ReplyTimeout * (Retries + 1) >= PollInterval)
        {
            yield return $"{prefix}:ReplyTimeout × (Retries + 1) = {(ReplyTimeout * (Retries + 1)).TotalMilliseconds:0} ms must be below PollInterval "
                + $"({PollInterval.TotalMilliseconds:0} ms), or a silent scanner is not seen Offline within two poll intervals.";
        }
    }
}
