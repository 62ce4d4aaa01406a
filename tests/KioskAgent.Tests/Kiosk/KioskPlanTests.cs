using KioskAgent.Devices;
using KioskAgent.Devices.Links;
using KioskAgent.Kiosk;
using Microsoft.Extensions.Configuration;

namespace KioskAgent.Tests.Kiosk;

/// <summary>The Kiosks section: every mistake named by its key, all of them at once.</summary>
public sealed class KioskPlanTests
{
    private static KioskPlan Read(params (string Key, string Value)[] settings) =>
        KioskPlan.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private static IReadOnlyList<string> Problems(params (string Key, string Value)[] settings) =>
        Assert.Throws<KioskConfigurationException>(() => Read(settings)).Problems;

    [Fact]
    public void A_good_configuration_plans_each_enabled_device()
    {
        var plan = Read(
            ("Kiosks:0:Id", "lobby-1"),
            ("Kiosks:0:Relay:Link:Kind", "Emulator"),
            ("Kiosks:0:Printer:RelayChannel", "1"),
            ("Kiosks:0:Tpv:Enabled", "false"),
            ("Kiosks:1:Id", "lobby-2"),
            ("Kiosks:1:Scanner:Link:Kind", "Tcp"),
            ("Kiosks:1:Scanner:Link:Host", "127.0.0.1"),
            ("Kiosks:1:Scanner:Link:Port", "4001"));

        Assert.Equal(["lobby-1", "lobby-2"], plan.Kiosks.Select(k => k.Id));
        Assert.Equal([DeviceKind.Printer], plan.Kiosks[0].Devices.Select(d => d.Kind));
        Assert.Equal(1, plan.Kiosks[0].Devices[0].Options.RelayChannel);
        Assert.Null(plan.Kiosks[1].Relay);
        Assert.Equal([DeviceKind.Scanner], plan.Kiosks[1].Devices.Select(d => d.Kind));
    }

    [Fact]
    public void Serial_driver_mistakes_are_named_by_key()
    {
        var problems = Problems(
            ("Kiosks:0:Id", "lobby-1"),
            ("Kiosks:0:Printer:Link:Kind", "Serial"),
            ("Kiosks:0:Printer:Link:Path", "/dev/ttyUSB0"),
            ("Kiosks:0:Printer:Link:Driver", "libserialport"),
            ("Kiosks:0:Scanner:Link:Kind", "Serial"),
            ("Kiosks:0:Scanner:Link:Path", "/dev/ttyUSB1"),
            ("Kiosks:0:Scanner:Link:Driver", "Termios"),
            ("Kiosks:0:Scanner:Link:BaudRate", "12345"),
            ("Kiosks:0:Scanner:Link:StopBits", "OnePointFive"));

        Assert.Contains(problems, p => p.Contains("Kiosks:0:Printer:Link:Driver", StringComparison.Ordinal) && p.Contains("libserialport", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Scanner:Link:BaudRate 12345 is not a rate the termios serial driver can set", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Scanner:Link:StopBits OnePointFive is not possible through termios", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Scanner:Link:Driver Termios needs Linux", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_system_io_ports_escape_hatch_keeps_its_own_settings()
    {
        var plan = Read(
            ("Kiosks:0:Id", "lobby-1"),
            ("Kiosks:0:Printer:Link:Kind", "Serial"),
            ("Kiosks:0:Printer:Link:Path", "/dev/ttyUSB0"),
            ("Kiosks:0:Printer:Link:Driver", "SystemIoPorts"),
            ("Kiosks:0:Printer:Link:StopBits", "OnePointFive"));

        Assert.Equal(SerialDriver.SystemIoPorts, plan.Kiosks[0].Devices[0].Options.Link.Driver);
        Assert.IsType<SerialLink>(SerialLinks.Create(plan.Kiosks[0].Devices[0].Options.Link));
    }

    [Fact]
    public void No_kiosk_at_all_is_a_problem() =>
        Assert.Contains(Problems(), p => p.StartsWith("Kiosks: no kiosk is configured", StringComparison.Ordinal));

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var problems = Problems(
            ("Kiosks:0:Id", "lobby 1; drop table"),
            ("Kiosks:0:Printer:RelayChannel", "1"),
            ("Kiosks:0:Printer:Link:Kind", "Serial"),
            ("Kiosks:0:Prniter:Enabled", "true"),
            ("Kiosks:1:Id", "lobby-2"),
            ("Kiosks:1:Relay:Link:Kind", "Emulator"),
            ("Kiosks:1:Printer:RelayChannel", "17"),
            ("Kiosks:1:Scanner:RelayChannel", "3"),
            ("Kiosks:1:Tpv:RelayChannel", "3"),
            ("Kiosks:2:Id", "lobby-2"));

        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Id 'lobby 1; drop table' is not a kiosk id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "Kiosks:0:Printer:RelayChannel is 1 but Kiosks:0:Relay is not configured.");
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Printer:Link:Path is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:0:Prniter is not a known section", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:1:Printer:RelayChannel 17 is outside 1..16", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Kiosks:1:Tpv:RelayChannel 3 already feeds another device", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "Kiosks:2:Id 'lobby-2' is configured twice.");
    }

    [Theory]
    [InlineData("Kiosks:0:Printer:Link:Kind", "Bluetooth", "Kiosks:0:Printer")]
    [InlineData("Kiosks:0:Printer:Supervisor:RestartDeadline", "not-a-timespan", "Kiosks:0:Printer")]
    [InlineData("Kiosks:0:Printer:EscPos:PollInterval", "00:00:00.001", "Kiosks:0:Printer:EscPos:PollInterval")]
    [InlineData("Kiosks:0:Printer:Supervisor:PowerOffTime", "00:01:00", "Kiosks:0:Printer:Supervisor:RestartDeadline")]
    [InlineData("Kiosks:0:Relay:ReplyTimeout", "-00:00:01", "Kiosks:0:Relay:ReplyTimeout")]
    public void Garbage_values_are_named(string key, string value, string expectedPrefix)
    {
        var problems = Problems(("Kiosks:0:Id", "lobby-1"), ("Kiosks:0:Relay:Link:Kind", "Emulator"), ("Kiosks:0:Printer:Enabled", "true"), (key, value));

        Assert.Contains(problems, p => p.StartsWith(expectedPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void The_message_lists_every_problem_on_its_own_line()
    {
        var error = Assert.Throws<KioskConfigurationException>(() => Read(("Kiosks:0:Id", ""), ("Kiosks:0:Printer:RelayChannel", "2")));

        Assert.StartsWith("Kiosk configuration is invalid:", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Problems.Count, error.Message.Split('\n').Count(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal)));
    }
}
