using KioskAgent.Journal.Webhooks;
using Microsoft.Extensions.Options;

namespace KioskAgent.Journal.Store;

/// <summary>Checks the <c>Journal</c> section at start; each message names the bad key.</summary>
public sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        var errors = new List<string>();
        const string s = JournalOptions.Section;
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add($"{s}:DatabasePath must name the journal's SQLite file.");
        }

        Positive(errors, $"{s}:BusyTimeout", options.BusyTimeout);
        Positive(errors, $"{s}:ReopenInterval", options.ReopenInterval);
        Positive(errors, $"{s}:Retention:MaxAge", options.Retention.MaxAge);
        Positive(errors, $"{s}:Retention:PruneInterval", options.Retention.PruneInterval);
        Range(errors, $"{s}:QueueCapacity", options.QueueCapacity, 1, 1_000_000);
        Range(errors, $"{s}:SubscriberBufferSize", options.SubscriberBufferSize, 1, 100_000);
        Range(errors, $"{s}:Retention:MaxEntries", options.Retention.MaxEntries, 100, 100_000_000);
        Positive(errors, $"{s}:Stream:HeartbeatInterval", options.Stream.HeartbeatInterval);
        Range(errors, $"{s}:Stream:MaxClients", options.Stream.MaxClients, 1, 10_000);
        errors.AddRange(WebhookOptionsValidator.Validate($"{s}:Webhooks", options.Webhooks));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive duration (e.g. 00:00:30), not {value}.");
        }
    }

    internal static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{key} must be between {min} and {max}, not {value}.");
        }
    }
}
