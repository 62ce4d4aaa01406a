using KioskAgent.Kiosk;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddKioskDevices(builder.Configuration);

var app = builder.Build();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
