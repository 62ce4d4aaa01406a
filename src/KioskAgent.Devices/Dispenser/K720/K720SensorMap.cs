namespace KioskAgent.Devices.Dispenser.K720;

/// <summary>
/// Which card position each of the dispenser's three path sensors stands for. The manual numbers the sensors but
/// the layout depends on the model (*unverified*), so it is configuration
/// (<c>Kiosks:N:Dispenser:K720:Sensors</c>). A sensor mapped to <see cref="CardPosition.None"/> is ignored.
/// </summary>
public sealed class K720SensorMap
{
    /// <summary>Default: sensor 1 at the mouth, the usual first sensor seen from the guest's side.</summary>
    public CardPosition Sensor1 { get; set; } = CardPosition.Gate;

    /// <summary>Default: sensor 2 at the read/encode station.</summary>
    public CardPosition Sensor2 { get; set; } = CardPosition.ReadPosition;

    /// <summary>Default: sensor 3 just past the hopper, where a card is on its way.</summary>
    public CardPosition Sensor3 { get; set; } = CardPosition.Transport;

    /// <summary>
    /// The card's position from the covered sensors: none covered → <c>none</c>; every covered sensor naming the same
    /// position → that position; sensors naming different positions → <c>transport</c> (the card straddles them).
    /// </summary>
    public CardPosition Position(bool sensor1, bool sensor2, bool sensor3)
    {
        var named = new[] { (sensor1, Sensor1), (sensor2, Sensor2), (sensor3, Sensor3) }
            .Where(s => s.Item1 && s.Item2 != CardPosition.None)
            .Select(s => s.Item2)
            .Distinct()
            .ToArray();
        return named.Length switch
        {
            0 => CardPosition.None,
            1 => named[0],
            _ => CardPosition.Transport,
        };
    }

    public IEnumerable<string> Validate(string prefix)
    {
        foreach (var (key, position) in new[] { ("Sensor1", Sensor1), ("Sensor2", Sensor2), ("Sensor3", Sensor3) })
        {
            if (position == CardPosition.Unknown || !Enum.IsDefined(position))
            {
                yield return $"{prefix}:{key} must be one of None, ReadPosition, Gate, Transport.";
            }
        }
    }
}
