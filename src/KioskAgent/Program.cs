using KioskAgent.Api;
using KioskAgent.Auth;
using KioskAgent.Envelope;
using KioskAgent.Health;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Kiosk;
using KioskAgent.Memory;
using KioskAgent.Observability;
using KioskAgent.Observability.Metrics;
using KioskAgent.OpenApi;

if (IntegratorCommand.IsInvoked(args))
{
    return IntegratorCommand.Run(args, Console.Out, Console.Error);
}

if (HealthProbeCommand.IsInvoked(args))
{
    return await HealthProbeCommand.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}

// The slim builder: no IIS integration, no HTTP/3 (QUIC), no Debug/EventSource/EventLog log providers, none of which a
// kiosk PC uses, so none of them is loaded. HTTPS endpoints from configuration are added back explicitly.
var builder = WebApplication.CreateSlimBuilder(ServiceHosting.BuilderOptions(args));
builder.WebHost.UseKestrelHttpsConfiguration();
builder.AddServiceHosting();
builder.AddAgentLogging();
builder.Services.AddApiEnvelope();
builder.Services.AddIntegratorAuth(builder.Configuration);
builder.Services.AddJournal(builder.Configuration);
builder.Services.AddKioskDevices(builder.Configuration);
builder.Services.AddAgentHealthChecks();
builder.Services.AddApiDocumentation();
builder.Services.AddAgentMetrics();
builder.Services.AddTransportSecurity();
builder.Services.AddNativeHeapTrimming(builder.Configuration);

var app = builder.Build();
app.UseTransportSecurity();
app.UseRequestId();
app.UseAgentRequestLogging();
app.UseApiEnvelopeForErrors();
app.UseDeclaredBodyLimits();
app.UseAgentMetricsEndpoint();
app.UseApiDocumentation();

app.MapAuthApi();
app.MapKioskApi();
app.MapEventsApi();
app.MapAgentHealth();
app.MapEmulatorFaults(app.Environment, app.Configuration);

try
{
    await app.StartAsync();
}
catch (Exception ex) when (ConfigurationFailure.Is(ex) && ConfigurationFailure.OwnsTheProcess)
{
    return await ConfigurationFailure.ReportAsync(app, ex);
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
