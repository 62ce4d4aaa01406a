using System.Net.Http.Headers;
using KioskAgent.Bench;

// kiosk-bench freshness|restart --base URL --kiosk ID --token TOKEN --device NAME [options]
// Prints one JSON object with the samples' summary; bench/run.sh collects them. Every loop is bounded in count and time.
if (args.Length < 1 || Options.Parse(args[1..]) is not { } options)
{
    Console.Error.WriteLine("""
        usage: kiosk-bench freshness --base URL --kiosk ID --token T --device printer --fault paper_out --reset paper_ok --code paper_out [--count 50]
               kiosk-bench restart   --base URL --kiosk ID --token T --device printer --subtract-ms 1800 [--count 20]
        """);
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(options.Base), Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
var api = new AgentClient(http, options.Kiosk, options.Device);
using var total = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var summary = args[0] switch
{
    "freshness" => await Freshness.MeasureAsync(api, options, total.Token),
    "restart" => await Restarts.MeasureAsync(api, options, total.Token),
    _ => null,
};
if (summary is null)
{
    Console.Error.WriteLine($"unknown command '{args[0]}'");
    return 2;
}

Console.WriteLine(summary);
return 0;
