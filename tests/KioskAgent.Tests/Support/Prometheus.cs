using System.Globalization;

namespace KioskAgent.Tests.Support;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public static class Prometheus
{
    /// <summary>The value of the first sample of <paramref name="name"/> carrying every given label (any order), or null.</summary>
    public static double? Sample(string exposition, string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var set = line[(name.Length + 1)..close];
            if (labels.All(l => set.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line[(close + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Scrapes until <paramref name="done"/> holds, for at most <paramref name="limit"/>; returns the last exposition.</summary>
    public static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done, TimeSpan limit, string path = "/metrics")
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var text = await client.GetStringAsync(path);
            if (done(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }
}
