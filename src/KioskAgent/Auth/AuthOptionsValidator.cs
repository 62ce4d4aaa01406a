using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KioskAgent.Auth;

/// <summary>
/// Refuses to start on a configuration that would make tokens unsafe or integrators unusable; each message names
/// the key to fix. In Development only, a missing signing key is replaced by a random one for this run.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>, IPostConfigureOptions<AuthOptions>
{
    public const int MinimumKeyBytes = 32;

    public void PostConfigure(string? name, AuthOptions options)
    {
        if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            // Tokens then last until the agent restarts; appsettings.Development.json normally sets a key.
            options.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes));
        }
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        ValidateKey(options.SigningKey, errors);
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add("Auth:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("Auth:Audience must not be empty.");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"Auth:TokenLifetime must be between 00:01:00 and 1.00:00:00 (is {options.TokenLifetime}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromSeconds(30))
        {
            errors.Add($"Auth:ClockSkew must be between 00:00:00 and 00:00:30 (is {options.ClockSkew}).");
        }

        if (options.FailureLimit.PermitLimit < 1 || options.FailureLimit.Window <= TimeSpan.Zero)
        {
            errors.Add("Auth:FailureLimit:PermitLimit must be at least 1 and Auth:FailureLimit:Window positive.");
        }

        for (var i = 0; i < options.Integrators.Count; i++)
        {
            ValidateIntegrator(options.Integrators[i], $"Auth:Integrators:{i}", errors);
        }

        foreach (var duplicate in options.Integrators.GroupBy(i => i.ClientId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Auth:Integrators: client id '{duplicate.Key}' appears {duplicate.Count()} times.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateKey(string? key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add($"Auth:SigningKey is missing: set a base64 key of at least {MinimumKeyBytes * 8} bits (openssl rand -base64 32), e.g. in the environment variable Auth__SigningKey.");
            return;
        }

        var bytes = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, bytes, out var length))
        {
            errors.Add("Auth:SigningKey is not valid base64.");
        }
        else if (length < MinimumKeyBytes)
        {
            errors.Add($"Auth:SigningKey is {length * 8} bits; at least {MinimumKeyBytes * 8} are required.");
        }
        else if (environment.IsProduction() && key == DevelopmentCredentials.SigningKey)
        {
            errors.Add("Auth:SigningKey is the published development key; Production needs its own (openssl rand -base64 32).");
        }
    }

    private void ValidateIntegrator(IntegratorOptions integrator, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(integrator.ClientId))
        {
            errors.Add($"{key}:ClientId must not be empty.");
        }

        if (integrator.SecretSha256.Length != 64 || !integrator.SecretSha256.All(char.IsAsciiHexDigit))
        {
            errors.Add($"{key}:SecretSha256 must be the SHA-256 of the secret as 64 hex digits (see 'integrator add').");
        }

        if (integrator.Kiosks.Count == 0 || integrator.Kiosks.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{key}:Kiosks must list at least one kiosk id, or \"*\".");
        }

        var unknown = integrator.Scopes.Where(s => !Scopes.All.Contains(s)).ToList();
        if (integrator.Scopes.Count == 0 || unknown.Count > 0)
        {
            errors.Add($"{key}:Scopes must list {string.Join(" and/or ", Scopes.All)}{(unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : "")}.");
        }

        if (environment.IsProduction()
            && (integrator.ClientId == DevelopmentCredentials.ClientId
                || string.Equals(integrator.SecretSha256, DevelopmentCredentials.SecretSha256, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{key} is the published development integrator; Production must not accept it.");
        }
    }
}
