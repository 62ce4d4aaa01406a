namespace KioskAgent.Devices.Tests.Support;

/// <summary>
/// Pty tests run one class at a time and alone: each spawns socat and real serial I/O, timing assertions (unplug
/// detected within two poll intervals) should not compete with the rest of the suite on two cores, and the
/// handle/thread counts of the fault suites are process-wide, so anything running beside them pollutes them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PtyCollection
{
    public const string Name = "pty";
}
