namespace KioskAgent.Simulator;

/// <summary>Misbehaviour any emulator can be told to show, whatever its protocol.</summary>
public enum LinkFault
{
    /// <summary>Behaves.</summary>
    None,

    /// <summary>Receives but never answers (a hung device, a cut TX wire).</summary>
    Silence,

    /// <summary>Answers every command with random bytes instead of a frame.</summary>
    Garbage,
}
