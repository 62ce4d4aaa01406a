using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KioskAgent.Auth;

/// <summary>
/// Tokens that passed full validation, keyed by the whole token string (header, payload and signature, so a token
/// differing by one byte is a miss and is validated from scratch). A hit is served only between the token's
/// <c>nbf</c> and its <c>exp</c> (without the clock skew the library allows), and every hit still goes through
/// the agent's own time check (<see cref="IntegratorTokenValidator"/>). Only tokens that passed every check are ever
/// added, and at most <see cref="Capacity"/> entries are held: when full, expired entries are swept and, if none
/// expired, the new token is simply validated in full on every request.
/// </summary>
public sealed class ValidatedTokenCache
{
    /// <summary>An integrator fetching a token per hour needs one entry; a thousand covers every plausible fleet.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, ValidatedToken> _entries;
    private readonly ConcurrentDictionary<string, ValidatedToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _count;

    public ValidatedTokenCache(TimeProvider time, int capacity = DefaultCapacity)
    {
        _time = time;
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));
        _entries = new(StringComparer.Ordinal);
        // Looked up by the header's characters, so a hit never copies the token into a new string.
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly TimeProvider _time;

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>A token validated before, inside its validity window now.</summary>
    public bool TryGet(ReadOnlySpan<char> token, [NotNullWhen(true)] out ValidatedToken? validated)
    {
        validated = null;
        if (!_bySpan.TryGetValue(token, out var key, out var entry))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        if (now >= entry.ValidTo)
        {
            Remove(key, entry);
            return false;
        }

        if (now < entry.ValidFrom)
        {
            return false;
        }

        validated = entry;
        return true;
    }

    /// <summary>Remembers a token that passed every check; one already past its expiry is not kept.</summary>
    public void Add(string token, ValidatedToken validated)
    {
        if (_time.GetUtcNow() >= validated.ValidTo || !Reserve())
        {
            return;
        }

        if (!_entries.TryAdd(token, validated))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Takes a slot, sweeping expired entries once if none is free; false when the cache stays full.</summary>
    private bool Reserve()
    {
        if (Interlocked.Increment(ref _count) <= Capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        var now = _time.GetUtcNow();
        foreach (var (token, entry) in _entries)
        {
            if (now >= entry.ValidTo)
            {
                Remove(token, entry);
            }
        }

        if (Interlocked.Increment(ref _count) <= Capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    private void Remove(string token, ValidatedToken entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, ValidatedToken>(token, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}

/// <summary>
/// A token that passed every check, as the cache keeps it: its caller (shared, read-only) and the times a later
/// request is judged against: <c>nbf</c>, <c>exp</c> and <c>iat</c>.
/// </summary>
public sealed record ValidatedToken(IntegratorPrincipal Principal, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset IssuedAt);
