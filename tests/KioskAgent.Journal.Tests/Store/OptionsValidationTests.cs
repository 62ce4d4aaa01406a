using KioskAgent.Journal.Store;
using KioskAgent.Journal.Webhooks;
using Microsoft.Extensions.Configuration;

namespace KioskAgent.Journal.Tests.Store;

public sealed class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new JournalOptionsValidator().Validate(null, new JournalOptions()).Succeeded);
    }

    [Fact]
    public void A_configured_webhook_gets_exactly_the_kiosks_and_types_it_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Journal:Webhooks:Integrators:acme-backend:Url"] = "https://acme.example/hook",
            ["Journal:Webhooks:Integrators:acme-backend:Kiosks:0"] = "kiosk-2",
            ["Journal:Webhooks:Integrators:acme-backend:Types:0"] = "restart",
        }).Build();
        var options = new JournalOptions();

        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection("Journal"), options);

        var target = options.Webhooks.Integrators["acme-backend"];
        Assert.Equal(["kiosk-2"], target.Kiosks);
        Assert.Equal(["restart"], target.Types);
        Assert.False(target.AllKiosks);
    }

    [Fact]
    public void Each_bad_value_is_reported_by_its_configuration_key()
    {
        var options = new JournalOptions { DatabasePath = " ", QueueCapacity = 0, BusyTimeout = TimeSpan.Zero };
        options.Retention.MaxEntries = 5;
        options.Webhooks.MaxAttempts = 0;
        options.Webhooks.Integrators["acme-backend"] = new WebhookTarget { Url = "ftp://example.test/hook", Secret = "short", Types = ["transition", "everything"] };

        var failures = new JournalOptionsValidator().Validate(null, options).Failures!.ToArray();

        foreach (var key in new[]
                 {
                     "Journal:DatabasePath", "Journal:QueueCapacity", "Journal:BusyTimeout", "Journal:Retention:MaxEntries",
                     "Journal:Webhooks:MaxAttempts", "Journal:Webhooks:Integrators:acme-backend:Url",
                     "Journal:Webhooks:Integrators:acme-backend:Secret",
                     "Journal:Webhooks:Integrators:acme-backend:Types",
                 })
        {
            Assert.Contains(failures, f => f.StartsWith(key + " ", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(failures, f => f.Contains("short", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'everything'", StringComparison.Ordinal));
    }
}
