namespace KioskAgent.Auth;

/// <summary>Integrator authentication (section <c>Auth</c>). Validated at start by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The tokens' <c>iss</c>, checked on every request.</summary>
    public string Issuer { get; set; } = "kioskagent";

    /// <summary>The tokens' <c>aud</c>, required and checked on every request.</summary>
    public string Audience { get; set; } = "kioskagent-api";

    /// <summary>HS256 key, base64, at least 256 bits (<c>openssl rand -base64 32</c>).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerance for clocks that disagree, at most 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public FailureLimitOptions FailureLimit { get; set; } = new();

    public List<IntegratorOptions> Integrators { get; set; } = [];
}

/// <summary>One integrator backend allowed to get tokens (an entry of <c>Auth:Integrators</c>).</summary>
public sealed class IntegratorOptions
{
    public string ClientId { get; set; } = "";

    /// <summary>SHA-256 of the UTF-8 client secret, 64 hex digits; the secret itself is never stored.</summary>
    public string SecretSha256 { get; set; } = "";

    /// <summary>Kiosk ids this integrator may reach; <c>*</c> for every kiosk this agent serves.</summary>
    public List<string> Kiosks { get; set; } = [];

    /// <summary><c>kiosk:read</c> (status routes) and/or <c>kiosk:maintain</c> (restart routes).</summary>
    public List<string> Scopes { get; set; } = [];
}

/// <summary>How many failed <c>/api/auth</c> attempts one client address may make per window before 429.</summary>
public sealed class FailureLimitOptions
{
    public int PermitLimit { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
