using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;

namespace KioskAgent.Hosting;

/// <summary>
/// Running as a service: under systemd (<c>Type=notify</c>: READY=1 once the agent listens, STOPPING=1 on stop;
/// journald-friendly console lines) or as a Windows service (start/stop from the service control manager, content
/// root beside the executable). Outside either, both are no-ops. Also resolves <see cref="AgentPaths"/> and adds the
/// operator's configuration file.
/// </summary>
public static class ServiceHosting
{
    public static ServiceManager Manager { get; } =
        // Asked only on Windows: the helper loads System.Diagnostics.Process to find its parent process.
        OperatingSystem.IsWindows() && WindowsServiceHelpers.IsWindowsService() ? ServiceManager.WindowsService
        : SystemdHelpers.IsSystemdService() ? ServiceManager.Systemd
        : ServiceManager.None;

    /// <summary>A service's working directory is not its install directory (Windows: system32): read files beside the executable.</summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Manager == ServiceManager.None ? null : AppContext.BaseDirectory,
    };

    public static WebApplicationBuilder AddServiceHosting(this WebApplicationBuilder builder)
    {
        AddOperatorConfigFile(builder.Configuration, AgentPaths.ConfigFile(Environment.GetEnvironmentVariable));
        builder.Services.AddSystemd();
        if (OperatingSystem.IsWindows())
        {
            builder.Services.AddWindowsService(o => o.ServiceName = "KioskAgent");
        }
        builder.Services.AddSingleton(sp => AgentPaths.Resolve(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath, Manager, Environment.GetEnvironmentVariable));
        return builder;
    }

    /// <summary>Inserted right after the last appsettings*.json source, so environment variables and the command line still win.</summary>
    internal static void AddOperatorConfigFile(IConfigurationBuilder configuration, string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = true,
            ReloadOnChange = false,
            FileProvider = Directory.Exists(directory) ? new PhysicalFileProvider(directory) : null,
        };
        if (source.FileProvider is null)
        {
            return;
        }

        var sources = configuration.Sources;
        var last = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource json && json.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true)
            {
                last = i;
            }
        }

        sources.Insert(last + 1, source);
    }
}
