// The bare minimal API the agent is measured against: the same route and the same reply bytes (read from the
// file the harness captured from the agent), with no authentication, no envelope writing and no logging.
// Kestrel, GC and hosting settings are the Web SDK's defaults, as for the agent.
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: kiosk-baseline BODY_FILE --urls http://127.0.0.1:PORT");
    return 2;
}

var body = File.ReadAllBytes(args[0]);
var builder = WebApplication.CreateBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/api/kiosk/{kiosk_id}/status", (string kiosk_id) => Results.Bytes(body, "application/json; charset=utf-8"));
app.Run();
return 0;
