namespace KioskAgent.Devices.Printer.EscPos;

/// <summary>The ESC/POS commands the agent sends (Epson ESC/POS Command Reference).</summary>
public static class EscPosCommands
{
    public const byte Dle = 0x10;
    public const byte Eot = 0x04;
    public const byte Esc = 0x1B;
    public const byte Gs = 0x1D;

    /// <summary>DLE EOT n: real-time status; the printer answers one byte at once, even offline.</summary>
    public static byte[] RealTimeStatus(RealTimeStatusKind kind) => [Dle, Eot, (byte)kind];

    /// <summary>ESC @: initialise (soft reset; the receive buffer is kept).</summary>
    public static readonly byte[] Initialize = [Esc, (byte)'@'];

    /// <summary>GS a n: Automatic Status Back for the items in <paramref name="items"/> (0 disables).</summary>
    public static byte[] AutomaticStatusBack(byte items) => [Gs, (byte)'a', items];
}

/// <summary>The <c>n</c> of DLE EOT n.</summary>
public enum RealTimeStatusKind : byte
{
    /// <summary>Printer status: offline, waiting for recovery, feed button.</summary>
    Printer = 1,

    /// <summary>Offline cause: cover open, paper fed by button, stopped by paper end, error.</summary>
    OfflineCause = 2,

    /// <summary>Error cause: mechanical, auto-cutter, unrecoverable, auto-recoverable.</summary>
    ErrorCause = 3,

    /// <summary>Roll paper sensor: near end, end.</summary>
    RollPaper = 4,
}
