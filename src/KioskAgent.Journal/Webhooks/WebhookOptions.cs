using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Webhooks;

/// <summary>The <c>Journal:Webhooks</c> section: where entries are pushed, and how hard to try.</summary>
public sealed class WebhookOptions
{
    /// <summary>Keyed by the integrator's client id (the same id it authenticates with).</summary>
    public Dictionary<string, WebhookTarget> Integrators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The wait after the first failed attempt; it doubles with every further failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many failed attempts the delivery is given up (its state reads <c>failed</c>).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How long one POST may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is looked at when nothing new was written (deliveries due after a backoff).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The integrators an entry is to be delivered to.</summary>
    public IEnumerable<string> RecipientsOf(JournalEntry entry) =>
        Integrators.Where(pair => pair.Value.Wants(pair.Key, entry)).Select(pair => pair.Key);
}

/// <summary>One integrator's callback.</summary>
public sealed class WebhookTarget
{
    /// <summary>An absolute http(s) URL that receives a POST per entry.</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key of the <c>X-Kiosk-Signature</c> header; at least 32 characters. Never logged or stored.</summary>
    public string Secret { get; set; } = "";

    // Empty by default, defaults applied when read: the configuration binder adds to a list, so a default of
    // ["*"] would survive next to the kiosks the configuration names and widen them to all.

    /// <summary>The kiosks whose entries it receives; <c>*</c> or empty for all it may read.</summary>
    public List<string> Kiosks { get; set; } = [];

    /// <summary>The entry types it receives (<c>transition</c>, <c>restart</c>, <c>auth</c>); empty for transition and restart.</summary>
    public List<string> Types { get; set; } = [];

    public static IReadOnlyList<string> DefaultTypes { get; } = ["transition", "restart"];

    public bool AllKiosks => Kiosks.Count == 0 || Kiosks.Contains("*", StringComparer.Ordinal);

    /// <summary>Whether <paramref name="integrator"/> receives this entry: its kiosks and types, and of the agent-wide entries only its own logins.</summary>
    public bool Wants(string integrator, JournalEntry entry) =>
        (Types.Count == 0 ? DefaultTypes : Types).Contains(EntryTypes.Word(entry.Type), StringComparer.Ordinal)
        && (entry.KioskId is { } kiosk
            ? AllKiosks || Kiosks.Contains(kiosk, StringComparer.Ordinal)
            : entry.Detail is AuthenticationDetail { ClientId: { } client } && client == integrator);
}
