using KioskAgent.Devices.Runtime;

namespace KioskAgent.Devices.Tpv.Zvt;

/// <summary>
/// Turns the end of a Status-Enquiry into the protocol-neutral <see cref="TpvCondition"/>:
/// <list type="bullet">
/// <item>Completion with terminal status 00 → Ready; another status → its meaning in <see cref="ZvtCodes"/>
/// (9C please wait → Busy; 51 → needs initialisation; DF out of order → Error...).</item>
/// <item>84 xx 00 refusal or 06 1E xx abort → the error xx: 9C/A0 → Busy, 6B → needs registration, others → Error.</item>
/// </list>
/// Whatever answered is online: these are the terminal's words about itself, not link faults.
/// </summary>
public static class ZvtStatusDecoder
{
    public static TpvCondition Decode(ZvtExchangeResult result, bool restartRegisters) => result.End switch
    {
        ZvtExchangeEnd.Completed => FromCompletion(result.Completion!, restartRegisters),
        ZvtExchangeEnd.Refused => FromError(result.Code, "Status-Enquiry refused", restartRegisters),
        ZvtExchangeEnd.Aborted => FromError(result.Code, "Status-Enquiry aborted", restartRegisters),
        _ => throw DeviceFaultException.Protocol("Status-Enquiry ended without a Completion."),
    };

    public static TpvCondition FromCompletion(ZvtApdu completion, bool restartRegisters)
    {
        if (!ZvtStatusReport.TryDecode(completion.Data, out var report, out var problem))
        {
            throw DeviceFaultException.Protocol($"Status-Enquiry Completion {completion}: {problem}");
        }

        var status = report.TerminalStatus;
        var fault = status == (byte)ZvtCode.PtReady ? null : ZvtCodes.Fault(status, restartRegisters);
        return new TpvCondition
        {
            StatusText = ZvtCodes.Text(status),
            StatusCode = ZvtCodes.Hex(status),
            Busy = fault?.Health == DeviceHealth.Busy,
            NeedsInitialisation = status == (byte)ZvtCode.InitialisationRequired,
            NeedsRegistration = status == (byte)ZvtCode.FunctionDeactivatedNotRegistered,
            Fault = fault,
            TerminalId = report.TerminalId,
            SoftwareVersion = report.SoftwareVersion,
        };
    }

    public static TpvCondition FromError(byte code, string how, bool restartRegisters)
    {
        var fault = ZvtCodes.Fault(code, restartRegisters);
        return new TpvCondition
        {
            StatusText = $"{how}: {fault.Text}",
            Busy = fault.Health == DeviceHealth.Busy,
            NeedsRegistration = code == (byte)ZvtCode.FunctionDeactivatedNotRegistered,
            NeedsInitialisation = code == (byte)ZvtCode.InitialisationRequired,
            Fault = fault,
        };
    }
}
