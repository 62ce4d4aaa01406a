using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>
/// Integrator authentication: configuration, the token issuer, and JWT bearer validation closed beyond the
/// library's defaults (which allow a 5-minute skew, any algorithm the key fits, any <c>typ</c>, and leave
/// <c>iat</c> and <c>crit</c> unchecked): <see cref="IntegratorTokenValidator"/>, applied to the kiosk routes by
/// <see cref="KioskAccessFilter"/>.
/// </summary>
public static class TokenValidation
{
    /// <summary>Tokens above this size are refused before any parsing (ours are well under 2 KiB).</summary>
    public const int MaximumTokenBytes = 8 * 1024;

    public static IServiceCollection AddIntegratorAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsValidator>());
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsValidator>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<IntegratorDirectory>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton(sp => new ValidatedTokenCache(sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IntegratorTokenValidator>();
        return services;
    }

    /// <summary>The validation rules, also used by tests to prove the tokens they mint are the app's.</summary>
    public static TokenValidationParameters Parameters(AuthOptions auth, SecurityKey key) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [TokenIssuer.TokenType],
        ValidateIssuer = true,
        ValidIssuer = auth.Issuer,
        ValidateAudience = true,
        ValidAudience = auth.Audience,
        RequireAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = auth.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = key,

        // One key, whatever the header says: kid, jku, jwk and x5u name nothing this agent looks up.
        IssuerSigningKeyResolver = (_, _, _, _) => [key],
        TryAllIssuerSigningKeys = false,
        NameClaimType = "sub",
        RoleClaimType = TokenIssuer.ScopeClaim,
    };
}
