namespace KioskAgent.Devices.BillReader.Ssp;

/// <summary>One event from a POLL reply; <see cref="Channel"/> for the events that carry one (0 = unknown).</summary>
public readonly record struct SspPollEvent(SspEvent Code, byte Channel = 0)
{
    /// <summary>
    /// Events followed by one channel byte at the default host protocol version (the driver never sends
    /// HOST PROTOCOL VERSION, so the validator keeps its default event format).
    /// </summary>
    public static bool CarriesChannel(SspEvent code) => code is SspEvent.Read or SspEvent.Credit or SspEvent.FraudAttempt
        or SspEvent.NoteClearedFromFront or SspEvent.NoteClearedIntoCashbox;

    public static bool IsKnown(byte code) => Enum.IsDefined((SspEvent)code);

    /// <summary>Appends this event's bytes (the emulator's side).</summary>
    public void WriteTo(List<byte> output)
    {
        output.Add((byte)Code);
        if (CarriesChannel(Code))
        {
            output.Add(Channel);
        }
    }
}

/// <summary>The events of one POLL reply, decoded.</summary>
/// <param name="Events">The events in the order reported.</param>
/// <param name="UnknownCode">An event code this driver does not know; its length is unknown, so the rest of the
/// reply after it is not decoded.</param>
/// <param name="Truncated">A channel byte was missing at the end.</param>
public sealed record SspPollReply(IReadOnlyList<SspPollEvent> Events, byte? UnknownCode, bool Truncated)
{
    /// <summary>Decodes the bytes after the <c>F0</c> of a POLL reply.</summary>
    public static SspPollReply Decode(ReadOnlySpan<byte> events)
    {
        var decoded = new List<SspPollEvent>();
        var i = 0;
        while (i < events.Length)
        {
            var code = events[i++];
            if (!SspPollEvent.IsKnown(code))
            {
                return new SspPollReply(decoded, code, false);
            }

            var ev = (SspEvent)code;
            if (SspPollEvent.CarriesChannel(ev))
            {
                if (i >= events.Length)
                {
                    return new SspPollReply(decoded, null, true);
                }

                decoded.Add(new SspPollEvent(ev, events[i++]));
            }
            else
            {
                decoded.Add(new SspPollEvent(ev));
            }
        }

        return new SspPollReply(decoded, null, false);
    }
}
