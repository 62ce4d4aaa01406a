using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>
/// Integrator authentication: configuration, the token issuer, and JWT bearer validation closed beyond the
/// library's defaults (which allow a 5-minute skew, any algorithm the key fits, any <c>typ</c>, and leave
/// <c>iat</c> and <c>crit</c> unchecked): <see cref="IntegratorBearerHandler"/> and <see cref="IntegratorTokenValidator"/>.
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
        services.AddTransient<IntegratorBearerHandler>();
        // The core services only: AddAuthentication would also register data protection, whose key ring (XML, crypto)
        // loads at start although the bearer scheme never uses it.
        services.AddAuthenticationCore(o =>
        {
            o.DefaultScheme = IntegratorBearerHandler.SchemeName;
            o.AddScheme<IntegratorBearerHandler>(IntegratorBearerHandler.SchemeName, null);
        });
        services.AddSingleton<IAuthenticationSchemeProvider, IntegratorSchemes>();
        AddStatelessAuthorization(services);
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// The framework's authorization services, one instance each. It registers them transient (a new object graph per
    /// request: policy evaluator, authorization service, handler provider, handler list, context factory, evaluator,
    /// result handler) so that an authorization handler could depend on a scoped service; this agent's only handler is
    /// the framework's pass-through one, and none of them keeps state. A scoped handler added later fails the host's
    /// scope validation at start instead of being captured.
    /// </summary>
    private static void AddStatelessAuthorization(IServiceCollection services)
    {
        services.TryAddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        services.TryAddSingleton<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>();
        services.TryAddSingleton<IAuthorizationEvaluator, DefaultAuthorizationEvaluator>();
        services.TryAddSingleton<IAuthorizationHandlerContextFactory, DefaultAuthorizationHandlerContextFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PassThroughAuthorizationHandler>());
        services.TryAddSingleton<IPolicyEvaluator, PolicyEvaluator>();
        services.TryAddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>();
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
