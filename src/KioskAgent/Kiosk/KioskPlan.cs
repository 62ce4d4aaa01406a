using System.Text.RegularExpressions;

namespace KioskAgent.Kiosk;

/// <summary>
/// The <c>Kiosks</c> configuration, read and validated in full before anything starts: every problem is
/// reported at once, each naming its key, so a technician fixes the file in one go.
/// </summary>
public sealed partial record KioskPlan(IReadOnlyList<PlannedKiosk> Kiosks)
{
    /// <summary>Sections under a kiosk that are not device modules.</summary>
    private static readonly HashSet<string> OtherSections = new(StringComparer.OrdinalIgnoreCase) { "Id", "Relay", "Cpu" };

    public static KioskPlan Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var kiosks = new List<PlannedKiosk>();
        var children = configuration.GetSection(KioskOptions.Section).GetChildren().ToList();
        if (children.Count == 0)
        {
            problems.Add($"{KioskOptions.Section}: no kiosk is configured; add at least {KioskOptions.Section}:0:Id.");
        }

        foreach (var kiosk in children)
        {
            var prefix = $"{KioskOptions.Section}:{kiosk.Key}";
            var id = kiosk["Id"];
            if (string.IsNullOrWhiteSpace(id) || !KioskIdPattern().IsMatch(id))
            {
                problems.Add($"{prefix}:Id '{id}' is not a kiosk id: 1–64 characters of letters, digits, '.', '_' or '-'.");
            }
            else if (kiosks.Any(k => k.Id == id))
            {
                problems.Add($"{prefix}:Id '{id}' is configured twice.");
            }

            var relay = ReadRelay(kiosk.GetSection("Relay"), $"{prefix}:Relay", problems);
            var devices = new List<ConfiguredDevice>();
            foreach (var module in DeviceModules.All)
            {
                var section = kiosk.GetSection(module.Section);
                if (!section.Exists())
                {
                    continue;
                }

                var devicePrefix = $"{prefix}:{module.Section}";
                var device = module.Bind(section, devicePrefix, problems);
                if (!device.Options.Enabled)
                {
                    continue;
                }

                if (device.Options.RelayChannel is int channel)
                {
                    if (relay is null)
                    {
                        problems.Add($"{devicePrefix}:RelayChannel is {channel} but {prefix}:Relay is not configured.");
                    }
                    else if (channel is < 1 or > Devices.Power.Kmtronic.KmtronicFrame.MaxChannel)
                    {
                        problems.Add($"{devicePrefix}:RelayChannel {channel} is outside 1..{Devices.Power.Kmtronic.KmtronicFrame.MaxChannel}.");
                    }
                    else if (devices.Any(d => d.Options.RelayChannel == channel))
                    {
                        problems.Add($"{devicePrefix}:RelayChannel {channel} already feeds another device of this kiosk.");
                    }
                }

                devices.Add(device);
            }

            foreach (var unknown in kiosk.GetChildren().Where(s => !OtherSections.Contains(s.Key) && !DeviceModules.All.Any(m => m.Section.Equals(s.Key, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{prefix}:{unknown.Key} is not a known section (known: Id, Relay, Cpu, {string.Join(", ", DeviceModules.All.Select(m => m.Section))}).");
            }

            kiosks.Add(new PlannedKiosk(id ?? "", relay, devices));
        }

        if (problems.Count > 0)
        {
            throw new KioskConfigurationException(problems);
        }

        return new KioskPlan(kiosks);
    }

    private static RelayOptions? ReadRelay(IConfigurationSection section, string prefix, List<string> problems)
    {
        if (!section.Exists())
        {
            return null;
        }

        var relay = new RelayOptions();
        try
        {
            section.Bind(relay);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{prefix}: {ex.Message}");
        }

        problems.AddRange(relay.Link.Validate($"{prefix}:Link"));
        if (relay.ReplyTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{prefix}:ReplyTimeout must be positive.");
        }

        return relay;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KioskIdPattern();
}

/// <summary>One kiosk's validated configuration.</summary>
public sealed record PlannedKiosk(string Id, RelayOptions? Relay, IReadOnlyList<ConfiguredDevice> Devices);

/// <summary>The kiosk configuration is wrong; the message lists every problem with its key.</summary>
public sealed class KioskConfigurationException(IReadOnlyList<string> problems)
    : Exception("Kiosk configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
