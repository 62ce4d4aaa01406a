namespace KioskAgent.Tests.Support;

/// <summary>The agent on its embedded configuration (every device on its emulator) with a few settings of a test's own.</summary>
public sealed class EmulatedKioskAgentWith(IReadOnlyDictionary<string, string?> settings) : AgentFactory("Development", settings, null);
