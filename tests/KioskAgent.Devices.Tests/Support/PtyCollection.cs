namespace KioskAgent.Devices.Tests.Support;

/// <summary>
/// Pty tests run one class at a time: each spawns socat and real serial I/O, and timing assertions
/// (unplug detected within two poll intervals) should not compete with every other pty test on two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PtyCollection
{
    public const string Name = "pty";
}
