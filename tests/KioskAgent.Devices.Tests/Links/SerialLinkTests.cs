using KioskAgent.Devices.Links;

namespace KioskAgent.Devices.Tests.Links;

public sealed class SerialLinkTests
{
    [Fact]
    public void A_dangling_symlink_is_a_vanished_port()
    {
        var dir = Directory.CreateTempSubdirectory("kiosk-link-").FullName;
        var target = Path.Combine(dir, "ttyUSB0");
        var byId = Path.Combine(dir, "usb-EPSON_TM-T88-if00-port0");
        File.WriteAllText(target, "");
        File.CreateSymbolicLink(byId, target);

        Assert.True(SerialLink.PortExists(byId));

        File.Delete(target);
        Assert.False(SerialLink.PortExists(byId));
        Assert.False(SerialLink.PortExists(Path.Combine(dir, "never-there")));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Opening_a_missing_port_names_the_path()
    {
        var link = new SerialLink(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = "/dev/serial/by-id/not-plugged-in" });

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => link.OpenAsync(CancellationToken.None));
        Assert.Contains("/dev/serial/by-id/not-plugged-in", error.Message);
    }

    [Fact]
    public void Auto_means_termios_on_linux_and_system_io_ports_elsewhere()
    {
        var link = SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = "/dev/ttyUSB0" });

        Assert.IsType(OperatingSystem.IsLinux() ? typeof(KioskAgent.Devices.Links.Termios.TermiosLink) : typeof(SerialLink), link);
        Assert.IsType<SerialLink>(SerialLinks.Create(new DeviceLinkOptions { Kind = LinkKind.Serial, Path = "/dev/ttyUSB0", Driver = SerialDriver.SystemIoPorts }));
    }

    [Theory]
    [InlineData(LinkKind.Serial, null, 9600, 0, "Path is required")]
    [InlineData(LinkKind.Serial, "/dev/ttyS0", 12, 0, "BaudRate 12")]
    [InlineData(LinkKind.Tcp, null, 9600, 0, "Host is required")]
    [InlineData(LinkKind.Tcp, null, 9600, 70000, "Port 70000")]
    public void Bad_link_settings_are_named(LinkKind kind, string? path, int baud, int port, string expected)
    {
        var options = new DeviceLinkOptions { Kind = kind, Path = path, BaudRate = baud, Port = port };

        Assert.Contains(options.Validate("Kiosks:0:Printer:Link"), p => p.Contains(expected, StringComparison.Ordinal) && p.StartsWith("Kiosks:0:Printer:Link:", StringComparison.Ordinal));
    }
}
