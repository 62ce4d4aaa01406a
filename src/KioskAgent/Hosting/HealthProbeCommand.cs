using System.Globalization;

namespace KioskAgent.Hosting;

/// <summary>
/// <c>KioskAgent healthcheck [--url URL]</c>: asks a running agent's <c>/health/ready</c> and exits 0 when it answers
/// 200, 1 otherwise. For container HEALTHCHECKs and service monitors on hosts without curl. The default URL is
/// loopback on the first port of <c>ASPNETCORE_HTTP_PORTS</c> (the container images set 8080), else 5000.
/// </summary>
public static class HealthProbeCommand
{
    public const string Name = "healthcheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        Uri url;
        try
        {
            url = Target(args, environment);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"healthcheck: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var line = string.Create(CultureInfo.InvariantCulture, $"{url} -> {(int)response.StatusCode} {body}");
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
                return 0;
            }

            await error.WriteLineAsync(line).ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{url} -> {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    internal static Uri Target(string[] args, Func<string, string?> environment)
    {
        if (args.Length == 3 && args[1] == "--url")
        {
            return Uri.TryCreate(args[2], UriKind.Absolute, out var given) && given.Scheme is "http" or "https"
                ? given
                : throw new FormatException($"'{args[2]}' is not an http(s) URL.");
        }

        if (args.Length != 1)
        {
            throw new FormatException("usage: KioskAgent healthcheck [--url http://127.0.0.1:8080/health/ready]");
        }

        var ports = environment("ASPNETCORE_HTTP_PORTS");
        var first = string.IsNullOrWhiteSpace(ports) ? "5000" : ports.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new Uri($"http://127.0.0.1:{port}/health/ready")
            : throw new FormatException($"ASPNETCORE_HTTP_PORTS '{ports}' does not start with a port number.");
    }
}
