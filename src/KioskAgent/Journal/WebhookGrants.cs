using KioskAgent.Auth;
using KioskAgent.Journal.Store;
using Microsoft.Extensions.Options;

namespace KioskAgent.Journal;

/// <summary>
/// A webhook pushes what its integrator could read: the integrator must be configured under <c>Auth:Integrators</c>
/// with <c>kiosk:read</c>, and its webhook covers only kiosks its token would. <c>Kiosks</c> left out (or <c>["*"]</c>)
/// on the webhook means "every kiosk the integrator may read".
/// </summary>
public sealed class WebhookGrants(IOptions<AuthOptions> auth) : IPostConfigureOptions<JournalOptions>, IValidateOptions<JournalOptions>
{
    public void PostConfigure(string? name, JournalOptions options)
    {
        foreach (var (clientId, target) in options.Webhooks.Integrators)
        {
            if (Grant(clientId) is { } grant && !grant.Kiosks.Contains(Scopes.AllKiosks) && target.AllKiosks)
            {
                target.Kiosks = [.. grant.Kiosks];
            }
        }
    }

    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        var errors = new List<string>();
        foreach (var (clientId, target) in options.Webhooks.Integrators)
        {
            var key = $"{JournalOptions.Section}:Webhooks:Integrators:{clientId}";
            if (Grant(clientId) is not { } grant)
            {
                errors.Add($"{key} names no integrator of Auth:Integrators; a webhook belongs to a configured client id.");
                continue;
            }

            if (!grant.Scopes.Contains(Scopes.Read))
            {
                errors.Add($"{key}: the integrator lacks the {Scopes.Read} scope, so it may not receive kiosk events.");
            }

            if (!grant.Kiosks.Contains(Scopes.AllKiosks))
            {
                foreach (var kiosk in target.Kiosks.Where(k => !grant.Kiosks.Contains(k)))
                {
                    errors.Add($"{key}:Kiosks has '{kiosk}', which the integrator's token does not cover.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IntegratorOptions? Grant(string clientId) =>
        auth.Value.Integrators.FirstOrDefault(i => string.Equals(i.ClientId, clientId, StringComparison.Ordinal));
}
