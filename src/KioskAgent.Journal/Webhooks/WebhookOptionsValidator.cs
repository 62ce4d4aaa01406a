using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;

namespace KioskAgent.Journal.Webhooks;

internal static class WebhookOptionsValidator
{
    public const int MinSecretLength = 32;

    public static IEnumerable<string> Validate(string section, WebhookOptions options)
    {
        var errors = new List<string>();
        JournalOptionsValidator.Positive(errors, $"{section}:InitialBackoff", options.InitialBackoff);
        JournalOptionsValidator.Positive(errors, $"{section}:MaxBackoff", options.MaxBackoff);
        JournalOptionsValidator.Positive(errors, $"{section}:RequestTimeout", options.RequestTimeout);
        JournalOptionsValidator.Positive(errors, $"{section}:PollInterval", options.PollInterval);
        JournalOptionsValidator.Range(errors, $"{section}:MaxAttempts", options.MaxAttempts, 1, 1000);
        foreach (var (integrator, target) in options.Integrators)
        {
            var key = $"{section}:Integrators:{integrator}";
            if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{key}:Url must be an absolute http or https URL.");
            }

            if (target.Secret.Length < MinSecretLength)
            {
                errors.Add($"{key}:Secret must be at least {MinSecretLength} characters (it signs every delivery).");
            }

            foreach (var type in target.Types.Where(t => !EntryTypes.TryParse(t, out _)))
            {
                errors.Add($"{key}:Types has '{type}'; the types are {string.Join(", ", EntryTypes.Words)}.");
            }
        }

        return errors;
    }
}
