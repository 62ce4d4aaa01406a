using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using KioskAgent.Hosting;
using KioskAgent.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace KioskAgent.Tests;

/// <summary>Running as a service: paths per service manager, the operator's configuration file, the health probe, systemd readiness.</summary>
public sealed class ServiceHostingTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void PathsFollowTheServiceManagerUnlessConfigured()
    {
        var empty = new ConfigurationBuilder().Build();
        var root = Path.Combine(Path.GetTempPath(), "agent-root");

        Assert.Equal(new AgentPaths(Path.Combine(root, "data"), Path.Combine(root, "logs")), AgentPaths.Resolve(empty, root, ServiceManager.None, NoEnvironment));
        Assert.Equal(new AgentPaths("/var/lib/kioskagent", "/var/log/kioskagent"), AgentPaths.Resolve(empty, root, ServiceManager.Systemd, NoEnvironment));
        var systemd = new Dictionary<string, string?> { ["STATE_DIRECTORY"] = "/var/lib/kiosk-a:/var/lib/other", ["LOGS_DIRECTORY"] = "/var/log/kiosk-a" };
        Assert.Equal(new AgentPaths("/var/lib/kiosk-a", "/var/log/kiosk-a"), AgentPaths.Resolve(empty, root, ServiceManager.Systemd, k => systemd.GetValueOrDefault(k)));
        var windows = AgentPaths.Resolve(empty, root, ServiceManager.WindowsService, NoEnvironment);
        Assert.EndsWith(Path.Combine("KioskAgent", "data"), windows.DataDirectory);
        Assert.EndsWith(Path.Combine("KioskAgent", "logs"), windows.LogDirectory);

        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AgentPaths.DataDirectoryKey] = "state",
            [AgentPaths.LogDirectoryKey] = "/srv/kiosk/logs",
        }).Build();
        Assert.Equal(new AgentPaths(Path.Combine(root, "state"), "/srv/kiosk/logs"), AgentPaths.Resolve(configured, root, ServiceManager.Systemd, k => systemd.GetValueOrDefault(k)));
    }

    [Fact]
    public void OperatorFileOverridesAppsettingsButNotEnvironmentOrCommandLine()
    {
        var directory = Directory.CreateTempSubdirectory("kioskagent-config-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"), """{ "A": "appsettings", "B": "appsettings", "C": "appsettings" }""");
            var etc = Directory.CreateDirectory(Path.Combine(directory.FullName, "etc"));
            File.WriteAllText(Path.Combine(etc.FullName, "appsettings.json"), """{ "B": "operator", "C": "operator" }""");
            var builder = new ConfigurationBuilder();
            builder.Add(new JsonConfigurationSource { Path = "appsettings.json", FileProvider = new PhysicalFileProvider(directory.FullName) });
            builder.Add(new MemoryConfigurationSource { InitialData = new Dictionary<string, string?> { ["C"] = "environment" } });

            ServiceHosting.AddOperatorConfigFile(builder, Path.Combine(etc.FullName, "appsettings.json"));
            ServiceHosting.AddOperatorConfigFile(builder, Path.Combine(directory.FullName, "missing", "appsettings.json"));
            var configuration = builder.Build();

            Assert.Equal(("appsettings", "operator", "environment"), (configuration["A"], configuration["B"], configuration["C"]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HealthcheckCommandExitsZeroOnlyWhenTheAgentIsReady()
    {
        await using var agent = new KestrelAgent();
        var ready = new Uri(agent.Address(), "/health/ready").ToString();
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await HealthProbeCommand.RunAsync(["healthcheck", "--url", ready], output, error, NoEnvironment));
        Assert.Contains("-> 200 Healthy", output.ToString());

        // The same port once nothing listens there.
        await agent.DisposeAsync();
        Assert.Equal(1, await HealthProbeCommand.RunAsync(["healthcheck", "--url", ready], output, error, NoEnvironment));
        Assert.Equal(2, await HealthProbeCommand.RunAsync(["healthcheck", "--url", "ftp://x"], output, error, NoEnvironment));
        Assert.Equal(new Uri("http://127.0.0.1:8080/health/ready"), HealthProbeCommand.Target(["healthcheck"], k => k == "ASPNETCORE_HTTP_PORTS" ? "8080;8081" : null));
        Assert.Equal(new Uri("http://127.0.0.1:5000/health/ready"), HealthProbeCommand.Target(["healthcheck"], NoEnvironment));
    }

    /// <summary>
    /// The built agent started by a parent process named <c>systemd</c> with <c>NOTIFY_SOCKET</c> set, as systemd starts
    /// a <c>Type=notify</c> unit: it must send READY=1 to that socket once it listens, and write journald-style lines.
    /// </summary>
    [Fact]
    public async Task UnderSystemdTheAgentNotifiesReadinessAndWritesJournaldLines()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Fail("systemd readiness is a Linux matter: run this suite on Linux.");
            return;
        }

        var directory = Directory.CreateTempSubdirectory("kioskagent-systemd-");
        var socketPath = Path.Combine(directory.FullName, "notify");
        var parent = Path.Combine(directory.FullName, "systemd");
        await File.WriteAllTextAsync(parent, "#!/bin/sh\n\"$@\"\nexit $?\n");
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);

        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var agentDirectory = BuiltAgentDirectory();
        var start = new ProcessStartInfo(parent)
        {
            WorkingDirectory = agentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "dotnet", Path.Combine(agentDirectory, "KioskAgent.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["LogFiles__Enabled"] = "false";
        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        try
        {
            var buffer = new byte[512];
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, received);
            Assert.Contains("READY=1", message.Split('\n'));

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !Snapshot(lines).Any(l => l.Contains("Now listening on", StringComparison.Ordinal)))
            {
                await Task.Delay(100);
            }

            var listening = Snapshot(lines).First(l => l.Contains("Now listening on", StringComparison.Ordinal));
            Assert.StartsWith("<6>", listening);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The built agent started in Production with bad configuration, as a technician would: it must exit 78
    /// (EX_CONFIG, which the systemd unit does not restart on) with one line naming every bad key, and no stack trace.
    /// </summary>
    [Theory]
    [InlineData("Kiosks:0:Id", "", "Kiosks:0:Id '' is not a kiosk id")]
    [InlineData("Auth:SigningKey", "not base64!", "Auth:SigningKey is not valid base64")]
    public async Task BadConfigurationStopsTheAgentWithOneClearMessageAndExitCode78(string key, string value, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("kioskagent-badconfig-");
        var agentDirectory = BuiltAgentDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = agentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(agentDirectory, "KioskAgent.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["LogFiles__Enabled"] = "false";
        start.Environment["Paths__DataDirectory"] = directory.FullName;
        start.Environment["Auth__SigningKey"] = Convert.ToBase64String(new byte[32]);
        start.Environment["Kiosks__0__Id"] = "3a191de7-5c4f-4b8e-9d21-6f0e8c7b2a10";
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
            var all = await output + await error;

            Assert.Equal(ConfigurationFailure.ExitCode, process.ExitCode);
            Assert.Contains("configuration is invalid", all, StringComparison.Ordinal);
            Assert.Contains(expected, all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            directory.Delete(recursive: true);
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    /// <summary>src/KioskAgent's own build output (with its runtimeconfig), in this test build's configuration.</summary>
    private static string BuiltAgentDirectory()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "KioskAgent.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var directory = Path.Combine(root.FullName, "src", "KioskAgent", "bin", configuration, here.Name);
        Assert.True(File.Exists(Path.Combine(directory, "KioskAgent.runtimeconfig.json")), $"the agent is not built at {directory}");
        return directory;
    }
}
