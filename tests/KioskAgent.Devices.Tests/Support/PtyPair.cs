using System.Diagnostics;

namespace KioskAgent.Devices.Tests.Support;

/// <summary>
/// A pseudo-terminal pair made by socat: two paths that behave like the two ends of a null-modem cable,
/// so the serial links are exercised for real. Dispose (or <see cref="Unplug"/>) kills socat and the paths vanish.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private Process? _socat;

    private PtyPair(string directory)
    {
        Directory = directory;
        AgentPath = Path.Combine(directory, "agent");
        DevicePath = Path.Combine(directory, "device");
    }

    public string Directory { get; }

    /// <summary>The end the agent's SerialLink opens.</summary>
    public string AgentPath { get; }

    /// <summary>The end the emulator opens.</summary>
    public string DevicePath { get; }

    public static bool SocatAvailable { get; } = File.Exists("/usr/bin/socat") || File.Exists("/bin/socat");

    public static PtyPair Create()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("kiosk-pty-").FullName;
        var pair = new PtyPair(dir);
        pair.Plug();
        return pair;
    }

    /// <summary>(Re)creates the pair at the same paths; waits until both exist.</summary>
    public void Plug()
    {
        if (!SocatAvailable)
        {
            throw new InvalidOperationException("socat is not installed: apt-get install -y socat (.ci/run does).");
        }

        _socat = Process.Start(new ProcessStartInfo("socat",
            ["-d", "-d", $"pty,raw,echo=0,link={AgentPath}", $"pty,raw,echo=0,link={DevicePath}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(KioskAgent.Devices.Links.SerialLink.PortExists(AgentPath) && KioskAgent.Devices.Links.SerialLink.PortExists(DevicePath)))
        {
            if (DateTime.UtcNow > deadline || _socat.HasExited)
            {
                throw new InvalidOperationException("socat did not create the pty pair within 5 s.");
            }

            System.Threading.Thread.Sleep(10);
        }
    }

    /// <summary>Kills socat: both ends vanish, as when a USB-serial adapter is pulled.</summary>
    public void Unplug()
    {
        if (_socat is { HasExited: false })
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }

        _socat?.Dispose();
        _socat = null;

        // SIGKILL leaves socat no time to remove its symlinks: remove them as udev removes /dev/serial/by-id links.
        File.Delete(AgentPath);
        File.Delete(DevicePath);
    }

    public void Dispose()
    {
        Unplug();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
