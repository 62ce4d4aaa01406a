namespace KioskAgent.Hosting;

/// <summary>How the agent was started: by hand, by systemd, or by the Windows service control manager.</summary>
public enum ServiceManager
{
    None,
    Systemd,
    WindowsService,
}

/// <summary>
/// Where the agent keeps its data and logs, and where an operator's configuration file lives. Each can be set
/// (<c>Paths:DataDirectory</c>, <c>LogFiles:Directory</c>, environment variable <c>KIOSKAGENT_CONFIG</c>); the defaults
/// follow the service manager: systemd's <c>StateDirectory=</c>/<c>LogsDirectory=</c> (/var/lib/kioskagent,
/// /var/log/kioskagent), <c>%ProgramData%\KioskAgent</c> for a Windows service, the content root when run by hand.
/// A relative configured path is taken from the content root.
/// </summary>
public sealed record AgentPaths(string DataDirectory, string LogDirectory)
{
    public const string DataDirectoryKey = "Paths:DataDirectory";
    public const string LogDirectoryKey = "LogFiles:Directory";
    public const string ConfigFileVariable = "KIOSKAGENT_CONFIG";

    public static AgentPaths Resolve(IConfiguration configuration, string contentRoot, ServiceManager manager, Func<string, string?> environment)
    {
        var data = Configured(configuration[DataDirectoryKey], contentRoot) ?? manager switch
        {
            ServiceManager.Systemd => FirstOf(environment("STATE_DIRECTORY")) ?? "/var/lib/kioskagent",
            ServiceManager.WindowsService => Path.Combine(ProgramData(), "data"),
            _ => Path.Combine(contentRoot, "data"),
        };
        var logs = Configured(configuration[LogDirectoryKey], contentRoot) ?? manager switch
        {
            ServiceManager.Systemd => FirstOf(environment("LOGS_DIRECTORY")) ?? "/var/log/kioskagent",
            ServiceManager.WindowsService => Path.Combine(ProgramData(), "logs"),
            _ => Path.Combine(contentRoot, "logs"),
        };
        return new AgentPaths(data, logs);
    }

    /// <summary>
    /// The operator's configuration file, read after appsettings.json and appsettings.{Environment}.json and before
    /// environment variables and the command line: <c>KIOSKAGENT_CONFIG</c>, else /etc/kioskagent/appsettings.json
    /// (Linux) or <c>%ProgramData%\KioskAgent\appsettings.json</c> (Windows). Optional.
    /// </summary>
    public static string ConfigFile(Func<string, string?> environment) =>
        environment(ConfigFileVariable) is { Length: > 0 } path ? Path.GetFullPath(path)
        : OperatingSystem.IsWindows() ? Path.Combine(ProgramData(), "appsettings.json")
        : "/etc/kioskagent/appsettings.json";

    private static string ProgramData() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "KioskAgent");

    private static string? Configured(string? value, string contentRoot) =>
        string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value, contentRoot);

    /// <summary>systemd passes several directories colon-separated; the first is the agent's.</summary>
    private static string? FirstOf(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
