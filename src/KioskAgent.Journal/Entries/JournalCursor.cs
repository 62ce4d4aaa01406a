using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace KioskAgent.Journal.Entries;

/// <summary>
/// The paging position: opaque to clients (base64url of a versioned word), so its meaning can change without
/// breaking them. Today it is the id of the last entry of the page; the next page starts below it.
/// </summary>
public static class JournalCursor
{
    private const string Prefix = "e1:";

    public static string Encode(long lastId) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + lastId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out long lastId)
    {
        lastId = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out lastId)
            && lastId > 0;
    }
}
