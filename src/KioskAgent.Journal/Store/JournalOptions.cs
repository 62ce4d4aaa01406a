using KioskAgent.Journal.Webhooks;

namespace KioskAgent.Journal.Store;

/// <summary>The <c>Journal</c> configuration section.</summary>
public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary>The SQLite file; a relative path is taken from the agent's data directory.</summary>
    public string DatabasePath { get; set; } = "journal.db";

    /// <summary>How long a statement waits for a lock held by another connection before the journal gives up on it.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Device transitions and authentication attempts wait here for the background writer. When it is full the
    /// oldest waiting entry is dropped and counted (<see cref="JournalHealth.DroppedEntries"/>): a device publishing
    /// a transition never waits for the disk.
    /// </summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>While the database cannot be opened (locked, corrupted), how often opening it is tried again.</summary>
    public TimeSpan ReopenInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Entries a live subscriber may have waiting before it is switched to catching up from the database.</summary>
    public int SubscriberBufferSize { get; set; } = 256;

    public RetentionOptions Retention { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public Live.StreamOptions Stream { get; set; } = new();

    /// <summary>The database file's full path, a relative <see cref="DatabasePath"/> taken from <paramref name="dataDirectory"/>.</summary>
    public string ResolvePath(string dataDirectory) => Path.GetFullPath(DatabasePath, dataDirectory);
}

/// <summary>How much history the journal keeps: whichever bound is reached first.</summary>
public sealed class RetentionOptions
{
    /// <summary>Entries, restart records and webhook deliveries older than this are deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many entries are kept; the oldest go first.</summary>
    public int MaxEntries { get; set; } = 200_000;

    /// <summary>How often the bounds are enforced.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
