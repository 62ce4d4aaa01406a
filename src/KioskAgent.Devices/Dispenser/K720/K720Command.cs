namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>
/// A K720 command: its ASCII text and whether the dispenser returns a reply packet after the ENQ. Only the
/// commands the agent or its emulator use are listed (RF, the 3-byte status, is left out: its bytes are not
/// described in the public sources).
/// </summary>
/// <remarks>
/// The manual lists the commands; which of them end with a reply packet is not stated for every one
/// (*unverified*): here the queries (AP, GV) reply, and the motion commands end at the ENQ, their outcome
/// being read with AP (s2: dispensing, capturing, dispense/capture error). Changing that is one flag below.
/// </remarks>
public sealed record K720Command(string Text, bool HasReply)
{
    /// <summary>Status: four status bytes, <c>'S' 'F' s1 s2 s3 s4</c>.</summary>
    public static readonly K720Command Status = new("AP", HasReply: true);

    /// <summary>Firmware version, as ASCII text.</summary>
    public static readonly K720Command Version = new("GV", HasReply: true);

    /// <summary>Reset: the soft reset the agent uses when no relay channel feeds the dispenser.</summary>
    public static readonly K720Command Reset = new("RS", HasReply: false);

    /// <summary>Dispense a card to the holding position at the mouth.</summary>
    public static readonly K720Command Dispense = new("DC", HasReply: false);

    /// <summary>Capture the card in the path into the reject (recycle) bin.</summary>
    public static readonly K720Command Capture = new("CP", HasReply: false);

    /// <summary>Move a card to the read position.</summary>
    public static readonly K720Command ToReadPosition = new("FC7", HasReply: false);

    /// <summary>Move the card to the mouth.</summary>
    public static readonly K720Command ToMouth = new("FC0", HasReply: false);

    public static readonly IReadOnlyList<K720Command> All = [Status, Version, Reset, Dispense, Capture, ToReadPosition, ToMouth];

    public static K720Command? Find(string text) => All.FirstOrDefault(c => c.Text == text);

    public override string ToString() => Text;
}
