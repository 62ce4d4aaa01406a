using Microsoft.AspNetCore.HttpsPolicy;

namespace KioskAgent.Hosting;

/// <summary>Section <c>Https</c>: what the agent does about plain HTTP. Certificates are Kestrel's own configuration.</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>
    /// Redirect plain-HTTP requests to HTTPS (307). Off by default: the kiosk's own front end usually calls the agent
    /// over loopback HTTP, which a redirect would break. Turn on when every client reaches the agent over the network.
    /// </summary>
    public bool Redirect { get; set; }

    /// <summary>HSTS max-age sent on HTTPS replies outside Development.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>
/// HTTPS policy: HSTS (<c>Strict-Transport-Security</c>) on HTTPS replies in every environment but Development
/// (ASP.NET Core never sends it for localhost, 127.0.0.1 or [::1]); optional redirection of HTTP to HTTPS.
/// The certificate: <c>Kestrel:Endpoints:Https:Url</c> with <c>Kestrel:Endpoints:Https:Certificate:Path</c> (PFX, with
/// <c>Password</c>) or <c>Path</c> + <c>KeyPath</c> (PEM).
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section)
            .Validate(o => o.HstsMaxAgeDays is >= 1 and <= 730, "Https:HstsMaxAgeDays must be 1 to 730.")
            .ValidateOnStart();
        services.AddOptions<HstsOptions>().Configure<Microsoft.Extensions.Options.IOptions<HttpsOptions>>(
            (hsts, https) => hsts.MaxAge = TimeSpan.FromDays(https.Value.HstsMaxAgeDays));
        return services;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>()?.Redirect == true)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }
}
