using KioskAgent.Devices.Links;
using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// A card-payment terminal speaking ZVT over RS-232, as the ECR. Probe and poll: Status-Enquiry (05 01) every
/// <see cref="ZvtOptions.PollInterval"/>. On connect: Registration (06 00) when configured. Soft reset:
/// Abort (06 B0) then Log-Off (06 02). Nothing here sends a payment command: the status path cannot start a
/// transaction. Another payment protocol is another <see cref="IDeviceProtocol"/> producing a <see cref="TpvSnapshot"/>
/// through <see cref="TpvCondition"/> (README.md).
/// </summary>
public sealed class ZvtTerminalProtocol(ZvtOptions options, TimeProvider? time = null) : IDeviceProtocol
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private TpvFault? _lastError;
    private string? _registeredTerminalId;

    public string Name => "ZVT";

    public TimeSpan PollInterval => options.PollInterval;

    public bool HasSoftReset => options.SoftReset;

    public TimeSpan? QuickProbeTimeout => options.QuickProbeTimeout;

    public DeviceSnapshot Unknown => TpvSnapshot.Unknown;

    public async Task InitializeAsync(LinkSession session, CancellationToken cancellationToken)
    {
        session.DiscardBuffered();
        if (!options.RegisterOnConnect)
        {
            return;
        }

        var registration = ZvtCommands.Registration(options.Password, options.RegistrationConfigByte, options.CurrencyCode);
        var result = await RunAsync(session, registration, "Registration", expectsCompletion: true, cancellationToken).ConfigureAwait(false);
        switch (result.End)
        {
            case ZvtExchangeEnd.Completed:
                _registeredTerminalId = ZvtTerminalMessages.TerminalIdOfRegistration(result.Completion!) ?? _registeredTerminalId;
                break;
            case ZvtExchangeEnd.Refused or ZvtExchangeEnd.Aborted:
                // Not a link fault: a busy or unregistrable terminal still answers, and Status-Enquiry says why.
                var fault = ZvtCodes.Fault(result.Code, options.RegisterOnConnect);
                _lastError = fault.Health == DeviceHealth.Busy ? _lastError : fault;
                break;
        }
    }

    public async Task<DeviceSnapshot> ReadStatusAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var enquiry = ZvtCommands.StatusEnquiry(options.PasswordInStatusEnquiry ? options.Password : null);
        var result = await RunAsync(session, enquiry, "Status-Enquiry", expectsCompletion: true, cancellationToken).ConfigureAwait(false);
        var condition = ZvtStatusDecoder.Decode(result, options.RegisterOnConnect);
        if (result.ResultCode is { } code and not 0 && ZvtCodes.Fault(code, options.RegisterOnConnect) is { Health: not DeviceHealth.Busy } reported)
        {
            _lastError = reported;
        }

        _lastError = condition.Error ?? _lastError;
        return condition.ToSnapshot(_lastError) with { TerminalId = condition.TerminalId ?? _registeredTerminalId };
    }

    public async Task SoftResetAsync(LinkSession session, CancellationToken cancellationToken)
    {
        // A refusal is fine for both: nothing to abort, or not logged on. Only silence fails the reset.
        await RunAsync(session, ZvtCommands.Abort(), "Abort", expectsCompletion: false, cancellationToken).ConfigureAwait(false);
        await RunAsync(session, ZvtCommands.LogOff(), "Log-Off", expectsCompletion: false, cancellationToken).ConfigureAwait(false);
    }

    private Task<ZvtExchangeResult> RunAsync(LinkSession session, ZvtApdu command, string what, bool expectsCompletion, CancellationToken cancellationToken) =>
        ZvtExchange.RunAsync(new ZvtLinkLayer(session, options), command, what, expectsCompletion, options, _time, cancellationToken);
}
