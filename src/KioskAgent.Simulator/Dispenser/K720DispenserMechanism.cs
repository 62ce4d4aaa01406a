using KioskAgent.Devices.Dispenser;
using KioskAgent.Devices.Dispenser.K720;

namespace KioskAgent.Simulator.Dispenser;

/// <summary>
/// The physical side of an emulated K720 dispenser: a hopper with a card count and level thresholds, one card in
/// the path at a spot, a reject bin, and the error latches the status bytes report. Not thread-safe: the emulator
/// holds its state lock around every use.
/// </summary>
public sealed class K720DispenserMechanism(K720EmulatorSettings settings)
{
    public int CardsInHopper { get; set; } = settings.InitialCards;

    public int CardsInRejectBin { get; set; }

    /// <summary>Where the card in the path is (<see cref="CardPosition.None"/>: no card).</summary>
    public CardPosition Card { get; set; } = CardPosition.None;

    public bool Jam { get; set; }

    public bool Overlap { get; set; }

    public bool DispenseError { get; set; }

    public bool CaptureError { get; set; }

    public bool CannotExecute { get; set; }

    public bool HopperLow => CardsInHopper <= settings.LowThreshold;

    public bool HopperEmpty => CardsInHopper <= settings.EmptyThreshold;

    public bool RejectBinFull => CardsInRejectBin >= settings.RejectBinCapacity;

    /// <summary>What the four status bytes say now; the sensors covered follow the emulated layout.</summary>
    public K720Status Status => new(
        RejectBinFull: RejectBinFull, CannotExecute: CannotExecute, PrepareCardFailed: false, PreparingCard: false,
        Dispensing: false, Capturing: false, DispenseError: DispenseError, CaptureError: CaptureError,
        Overlap: Overlap, Jam: Jam, HopperLow: HopperLow,
        HopperEmpty: HopperEmpty,
        Sensor3: Covers(settings.Layout.Sensor3), Sensor2: Covers(settings.Layout.Sensor2), Sensor1: Covers(settings.Layout.Sensor1));

    /// <summary>Executes a motion or reset command (the motion takes no emulated time: AP shows the result).</summary>
    public void Execute(K720Command command)
    {
        if (command == K720Command.Reset)
        {
            ClearLatches();
        }
        else if (command == K720Command.Dispense || command == K720Command.ToMouth)
        {
            MoveCard(CardPosition.Gate);
        }
        else if (command == K720Command.ToReadPosition)
        {
            MoveCard(CardPosition.ReadPosition);
        }
        else if (command == K720Command.Capture)
        {
            Capture();
        }
    }

    /// <summary>The guest pulls the card out of the mouth.</summary>
    public void TakeCard()
    {
        if (Card == CardPosition.Gate)
        {
            Card = CardPosition.None;
        }
    }

    /// <summary>A power cut clears what the controller latched; jams and the card stay where they physically are.</summary>
    public void ClearLatches() => DispenseError = CaptureError = CannotExecute = false;

    public void Refill() => CardsInHopper = settings.HopperCapacity;

    public void FillRejectBin() => CardsInRejectBin = settings.RejectBinCapacity;

    private bool Covers(CardPosition sensorPosition) => Card != CardPosition.None && Card == sensorPosition;

    /// <summary>Moves the card in the path, or feeds one from the hopper when the path is empty.</summary>
    private void MoveCard(CardPosition to)
    {
        if (Jam || Overlap)
        {
            CannotExecute = true;
            return;
        }

        if (Card == CardPosition.None)
        {
            if (CardsInHopper == 0)
            {
                DispenseError = true;
                return;
            }

            CardsInHopper--;
        }

        Card = to;
    }

    private void Capture()
    {
        if (Card == CardPosition.None)
        {
            return;
        }

        if (RejectBinFull || Jam)
        {
            CaptureError = true;
            return;
        }

        CardsInRejectBin++;
        Card = CardPosition.None;
    }
}

/// <summary>How an emulated dispenser is built: its address, hopper, reject bin, sensor layout and reset time.</summary>
public sealed record K720EmulatorSettings
{
    public int Address { get; init; }

    public int HopperCapacity { get; init; } = 100;

    public int InitialCards { get; init; } = 100;

    /// <summary>The pre-empty sensor uncovers at this many cards or fewer.</summary>
    public int LowThreshold { get; init; } = 10;

    /// <summary>The empty sensor reports empty at this many cards or fewer.</summary>
    public int EmptyThreshold { get; init; }

    public int RejectBinCapacity { get; init; } = 20;

    /// <summary>Which position each sensor sits at in this unit (the driver's mapping should match it).</summary>
    public K720SensorMap Layout { get; init; } = new();

    /// <summary>How long RS keeps the controller busy (it answers nothing meanwhile).</summary>
    public TimeSpan ResetDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>What GV answers.</summary>
    public string Version { get; init; } = "K720-EMU 1.0";
}
