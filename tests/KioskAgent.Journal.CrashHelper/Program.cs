using KioskAgent.Devices;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: KioskAgent.Journal.CrashHelper <database path> <seed>
// Records restarts phase by phase, as the supervisor does, and prints "ACK <operation> <phase>" only after the
// journal said the phase is on disk. The test kills this process at a random moment and checks the file.
if (args.Length != 2 || !int.TryParse(args[1], out var seed))
{
    Console.Error.WriteLine("usage: KioskAgent.Journal.CrashHelper <database path> <seed>");
    return 64;
}

using var journal = new OperationsJournal(new JournalOptions(), args[0], TimeProvider.System, NullLoggerFactory.Instance);
if (journal.Health.IsDegraded)
{
    Console.Error.WriteLine(journal.Health.Reason);
    return 2;
}

Console.WriteLine("READY");
var random = new Random(seed);
RestartPhase[] outcomes = [RestartPhase.Completed, RestartPhase.Failed, RestartPhase.TimedOut];
for (var i = 0; ; i++)
{
    var operation = Guid.NewGuid();
    var request = new RestartRequest("acme-backend", $"req-{seed}-{i}");
    foreach (var phase in (RestartPhase[])[RestartPhase.Requested, RestartPhase.PowerOff, RestartPhase.PowerOn, RestartPhase.Probing, outcomes[random.Next(outcomes.Length)]])
    {
        var record = new RestartPhaseRecord(operation, "kiosk-1", DeviceKind.Printer, RestartMethod.PowerCycle, phase, request, DateTimeOffset.UtcNow, null);
        if (!await journal.TryRecordRestartAsync(record, CancellationToken.None))
        {
            Console.Error.WriteLine($"not recorded: {operation} {phase}: {journal.Health.Reason}");
            return 3;
        }

        Console.WriteLine($"ACK {operation:D} {phase}");
    }
}
