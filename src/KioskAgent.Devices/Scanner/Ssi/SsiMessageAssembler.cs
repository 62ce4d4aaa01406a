namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// Joins the packets of a multi-packet (continued) decoder message: every packet but the last has the
/// continuation bit. A retransmission of the packet just taken (retransmit bit, same content: our ACK was
/// lost) is recognised and dropped. A packet of another opcode in the middle abandons the partial message.
/// </summary>
public sealed class SsiMessageAssembler
{
    /// <summary>Longest message kept: a 2D code or a full MRZ fits many times over.</summary>
    public const int MaxMessageLength = 8192;

    private readonly List<SsiPacket> _parts = [];
    private SsiPacket? _last;

    /// <summary>Packets of the message being assembled.</summary>
    public int PendingParts => _parts.Count;

    /// <summary>Takes one packet; returns the whole message's packets when it was the last one.</summary>
    public IReadOnlyList<SsiPacket>? Add(SsiPacket packet)
    {
        if (packet.IsRetransmit && _last is not null && IsSameContent(packet, _last))
        {
            return null;
        }

        _last = packet;
        if (_parts.Count > 0 && _parts[0].Opcode != packet.Opcode)
        {
            _parts.Clear();
        }

        _parts.Add(packet);
        if (_parts.Sum(p => p.Data.Length) > MaxMessageLength)
        {
            _parts.Clear();
            throw new InvalidDataException($"A continued SSI message grew past {MaxMessageLength} bytes.");
        }

        if (packet.IsContinued)
        {
            return null;
        }

        var message = _parts.ToArray();
        _parts.Clear();
        return message;
    }

    public void Reset()
    {
        _parts.Clear();
        _last = null;
    }

    private static bool IsSameContent(SsiPacket a, SsiPacket b) =>
        a.Opcode == b.Opcode && (a.Status & ~SsiStatus.Retransmit) == (b.Status & ~SsiStatus.Retransmit) && a.Data.AsSpan().SequenceEqual(b.Data);
}
