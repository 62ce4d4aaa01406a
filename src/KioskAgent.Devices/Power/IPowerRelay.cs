namespace KioskAgent.Devices.Power;

/// <summary>A relay board that switches the supply of the kiosk's devices, one channel per device.</summary>
public interface IPowerRelay
{
    string Description { get; }

    /// <summary>Switches a channel on (supply connected) or off.</summary>
    Task SwitchAsync(int channel, bool on, CancellationToken cancellationToken);

    /// <summary>Reads a channel's state back from the board.</summary>
    Task<bool> ReadAsync(int channel, CancellationToken cancellationToken);
}

/// <summary>One device's supply: a channel on a board.</summary>
public sealed record RelayChannel(IPowerRelay Board, int Channel)
{
    public override string ToString() => $"{Board.Description} channel {Channel}";
}
