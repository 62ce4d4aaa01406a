namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// What one probe found, as the contract sees it. Missing replies never get here: they are thrown as
/// <c>no_answer</c> and the supervisor publishes Offline. NAK causes that outlast the retransmissions do.
/// </summary>
public sealed record SsiScannerStatus(
    SsiRevision? Revision,
    byte? ProbeNakCause,
    ScannerRefusal? DisableRefused,
    bool ScanEnabled,
    ScannerRefusal? LastRefusal)
{
    public ScannerSnapshot ToSnapshot()
    {
        var errors = new List<DeviceError>();
        var health = DeviceHealth.Healthy;
        if (ProbeNakCause is { } cause)
        {
            health = DeviceHealth.Error;
            errors.Add(SsiAnswer.Refusal(cause) switch
            {
                ScannerRefusal.Resend => new DeviceError("frames_corrupted",
                    "The scanner rejects the agent's frames as corrupted (NAK RESEND) even when retransmitted: check the cable, baud rate and parity.",
                    RecoveryAction.Maintenance),
                ScannerRefusal.BadContext => new DeviceError("command_out_of_context",
                    "The scanner refuses the revision request as out of context (NAK BAD_CONTEXT): it is stuck in another mode.",
                    RecoveryAction.Reset),
                ScannerRefusal.Denied => new DeviceError("command_denied",
                    "The scanner denies the revision request (NAK DENIED): its configuration forbids host commands.",
                    RecoveryAction.Maintenance),
                _ => new DeviceError("command_refused",
                    $"The scanner refuses the revision request with NAK cause 0x{cause:X2}.",
                    RecoveryAction.Reset),
            });
        }

        if (DisableRefused is { } refusal)
        {
            health = health == DeviceHealth.Healthy ? DeviceHealth.Warning : health;
            errors.Add(new DeviceError("scan_disable_refused",
                $"The scanner refused SCAN_DISABLE (NAK {refusal}): it may read codes nobody asked for.",
                RecoveryAction.Reset));
        }

        return new ScannerSnapshot
        {
            Kind = DeviceKind.Scanner,
            Health = health,
            Errors = errors,
            Revision = Revision?.Text,
            Firmware = Revision?.Firmware,
            ScanEnabled = ScanEnabled,
            LastNakReason = LastRefusal,
        };
    }
}
