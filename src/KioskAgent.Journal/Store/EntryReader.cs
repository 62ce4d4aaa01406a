using System.Text;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Live;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal.Store;

/// <summary>Reads entries back: pages newest first for the events API, runs oldest first for replays.</summary>
internal static class EntryReader
{
    private const string Columns = "SELECT id, type, kiosk_id, device, occurred_at, data FROM entries";

    public static EventPage Page(SqliteConnection connection, EventQuery query)
    {
        if (query.Limit is < 1 or > EventQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"The limit is 1 to {EventQuery.MaxLimit}.");
        }

        long? before = null;
        if (query.Cursor is not null)
        {
            before = JournalCursor.TryDecode(query.Cursor, out var id) ? id : throw new FormatException("Not a cursor of this journal.");
        }

        var sql = new StringBuilder(Columns).Append(" WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        AppendKiosk(sql, parameters, new FeedFilter(query.KioskId, query.IncludeAgentWide, query.AgentWideClientId));
        if (query.Since is { } since)
        {
            sql.Append(" AND occurred_at >= $since");
            parameters.Add(("$since", Sql.Ms(since)));
        }

        if (query.Device is not null)
        {
            sql.Append(" AND device = $device");
            parameters.Add(("$device", query.Device));
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND type = $type");
            parameters.Add(("$type", EntryTypes.Word(type)));
        }

        if (before is not null)
        {
            sql.Append(" AND id < $before");
            parameters.Add(("$before", before));
        }

        // One more than asked: tells whether an older page exists without a second query.
        sql.Append(" ORDER BY id DESC LIMIT $limit;");
        parameters.Add(("$limit", query.Limit + 1));
        var entries = Read(connection, sql.ToString(), parameters);
        return entries.Count > query.Limit
            ? new EventPage(entries[..query.Limit], JournalCursor.Encode(entries[query.Limit - 1].Id))
            : new EventPage(entries, null);
    }

    /// <summary>Entries after <paramref name="afterId"/>, oldest first: what a live subscriber missed.</summary>
    public static IReadOnlyList<JournalEntry> After(SqliteConnection connection, long afterId, FeedFilter filter, int limit)
    {
        var sql = new StringBuilder(Columns).Append(" WHERE id > $after");
        var parameters = new List<(string, object?)> { ("$after", afterId), ("$limit", limit) };
        AppendKiosk(sql, parameters, filter);
        sql.Append(" ORDER BY id ASC LIMIT $limit;");
        return Read(connection, sql.ToString(), parameters);
    }

    /// <summary>The highest id ever given (even if since pruned); 0 for an empty journal.</summary>
    public static long LatestId(SqliteConnection connection) =>
        connection.Long(null, "SELECT seq FROM sqlite_sequence WHERE name = 'entries';") ?? 0;

    /// <summary>The lowest id the journal still holds; null when it holds none.</summary>
    public static long? OldestId(SqliteConnection connection) =>
        connection.Long(null, "SELECT MIN(id) FROM entries;");

    private static void AppendKiosk(StringBuilder sql, List<(string, object?)> parameters, FeedFilter filter)
    {
        if (filter.KioskId is null)
        {
            return;
        }

        parameters.Add(("$kiosk", filter.KioskId));
        if (!filter.IncludeAgentWide)
        {
            sql.Append(" AND kiosk_id = $kiosk");
        }
        else if (filter.AgentWideClientId is null)
        {
            sql.Append(" AND (kiosk_id = $kiosk OR kiosk_id IS NULL)");
        }
        else
        {
            // Agent-wide entries are authentication attempts; their client id is in the detail.
            sql.Append(" AND (kiosk_id = $kiosk OR (kiosk_id IS NULL AND json_extract(data, '$.client_id') = $client))");
            parameters.Add(("$client", filter.AgentWideClientId));
        }
    }

    private static List<JournalEntry> Read(SqliteConnection connection, string sql, List<(string, object?)> parameters)
    {
        using var command = connection.Command(null, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        var entries = new List<JournalEntry>();
        while (reader.Read())
        {
            EntryTypes.TryParse(reader.GetString(1), out var type);
            entries.Add(new JournalEntry(
                reader.GetInt64(0),
                type,
                Sql.String(reader, 2),
                Sql.String(reader, 3),
                Sql.At(reader.GetInt64(4)),
                EntryJson.DeserializeDetail(type, reader.GetString(5))));
        }

        return entries;
    }
}
