using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>
/// Tokens that passed full validation, keyed by the whole token string (header, payload and signature, so a token
/// differing by one byte is a miss and is validated from scratch). A hit is served only between the token's
/// <c>nbf</c> and its <c>exp</c> (without the clock skew the library allows), and every hit still goes through
/// the agent's own checks (<see cref="IntegratorTokenValidator"/>). Only valid results are ever added, and at most
/// <see cref="Capacity"/> entries are held: when full, expired entries are swept and, if none expired, the new token
/// is simply validated in full on every request.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    /// <summary>An integrator fetching a token per hour needs one entry; a thousand covers every plausible fleet.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => Volatile.Read(ref _count);

    /// <summary>A fresh result (its own identity) for a token validated before and not yet expired.</summary>
    public bool TryGet(string token, [NotNullWhen(true)] out TokenValidationResult? result)
    {
        result = null;
        if (!_entries.TryGetValue(token, out var entry))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (now >= entry.Token.ValidTo)
        {
            Remove(token, entry);
            return false;
        }

        if (now < entry.Token.ValidFrom)
        {
            return false;
        }

        result = new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = entry.Token,
            Issuer = entry.Issuer,
            TokenType = entry.TokenType,
            ClaimsIdentity = new CaseSensitiveClaimsIdentity(entry.Claims, entry.AuthenticationType, entry.NameClaimType, entry.RoleClaimType),
        };
        return true;
    }

    /// <summary>Remembers a result the token handler just judged valid; anything else is ignored.</summary>
    public void Add(string token, TokenValidationResult validated)
    {
        if (!validated.IsValid || validated.SecurityToken is not JsonWebToken jwt || validated.ClaimsIdentity is not { } identity
            || time.GetUtcNow().UtcDateTime >= jwt.ValidTo || !Reserve())
        {
            return;
        }

        var entry = new Entry(jwt, validated.Issuer, validated.TokenType, [.. identity.Claims],
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        if (!_entries.TryAdd(token, entry))
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
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (token, entry) in _entries)
        {
            if (now >= entry.Token.ValidTo)
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

    private void Remove(string token, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(token, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed record Entry(
        JsonWebToken Token, string? Issuer, string? TokenType, Claim[] Claims, string? AuthenticationType, string NameClaimType, string RoleClaimType);
}

/// <summary>
/// The JWT handler with <see cref="ValidatedTokenCache"/> in front: a token seen for the first time gets the
/// library's full validation with the agent's parameters; a token already validated skips the parsing and the
/// HMAC until its <c>exp</c>. The parameters are the agent's fixed ones (one key, one issuer, one audience).
/// </summary>
public sealed class CachingJsonWebTokenHandler(ValidatedTokenCache cache) : JsonWebTokenHandler
{
    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters) =>
        cache.TryGet(token, out var hit) ? Task.FromResult(hit) : ValidateAndRememberAsync(token, validationParameters);

    private async Task<TokenValidationResult> ValidateAndRememberAsync(string token, TokenValidationParameters validationParameters)
    {
        var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        cache.Add(token, result);
        return result;
    }
}
