namespace KioskAgent.Observability.Metrics;

/// <summary>Who may scrape the Prometheus endpoint.</summary>
public enum MetricsExposure
{
    /// <summary>No endpoint: the path answers 404 to everyone.</summary>
    Off,

    /// <summary>Only requests from a loopback address (a scraper or a proxy on the kiosk PC itself); others get 404.</summary>
    Loopback,

    /// <summary>Any client that reaches the agent: put a firewall or the kiosk network in front.</summary>
    Anywhere,
}

/// <summary>Section <c>Metrics</c>: the Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public MetricsExposure Exposure { get; set; } = MetricsExposure.Loopback;

    public string Path { get; set; } = "/metrics";
}
