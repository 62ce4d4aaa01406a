using KioskAgent.Kiosk;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKioskDevices(builder.Configuration);

var app = builder.Build();
app.MapEmulatorFaults(app.Environment, app.Configuration);
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
