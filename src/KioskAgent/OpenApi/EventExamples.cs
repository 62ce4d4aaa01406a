using KioskAgent.Api;
using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Webhooks;

namespace KioskAgent.OpenApi;

/// <summary>The journal routes' examples, built from the reply types so they cannot drift.</summary>
public static class EventExamples
{
    private static readonly Guid OperationId = Guid.Parse("0b6f3c2e-6f7a-4d1e-9a43-2f1d5c8e7b90");
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly EventsPage Page = new(
        [
            new EventView(1043, EntryType.Restart, ApiExamples.KioskId, "printer", At.AddSeconds(7.45),
                new RestartDetail(OperationId, RestartPhase.Completed, RestartMethod.PowerCycle, "acme-backend", ApiExamples.RequestId, "7450 ms, Online", 7450),
                new WebhookDeliveryView(DeliveryStatus.Delivered, 1, At.AddSeconds(7.6), null, null)),
            new EventView(1038, EntryType.Transition, ApiExamples.KioskId, "printer", At.AddSeconds(-42),
                new TransitionDetail("Online", "Error", [new DeviceError("paper_out", "The roll is out of paper.", RecoveryAction.Clear)], [], At.AddSeconds(-42.2)),
                null),
        ],
        "ZTE6MTAzOA");

    public static readonly RestartOperationRecord Operation = new(
        OperationId, ApiExamples.KioskId, "printer", RestartMethod.PowerCycle, "acme-backend", ApiExamples.RequestId, At, At.AddSeconds(7.45), RestartPhase.Completed, 7450,
        [
            new RestartPhaseStep(RestartPhase.Requested, At, 12, null, 1039),
            new RestartPhaseStep(RestartPhase.PowerOff, At.AddMilliseconds(12), 2010, "KMtronic relay channel 1", 1040),
            new RestartPhaseStep(RestartPhase.PowerOn, At.AddMilliseconds(2022), 3, "KMtronic relay channel 1", 1041),
            new RestartPhaseStep(RestartPhase.Probing, At.AddMilliseconds(2025), 5425, null, 1042),
            new RestartPhaseStep(RestartPhase.Completed, At.AddMilliseconds(7450), null, "7450 ms, Online", 1043),
        ]);
}
