using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KioskAgent.Auth;

/// <summary>An integrator whose credentials checked out.</summary>
public sealed record Integrator(string ClientId, IReadOnlyList<string> Kiosks, IReadOnlyList<string> Scopes);

/// <summary>
/// Checks client credentials against the configured SHA-256 hashes. An unknown client id costs the same hash and
/// comparison as a known one, so neither the reply nor its timing tells which ids exist. Secrets are random
/// 256-bit values: a fast hash is enough, and keeps the login route from being a CPU sink.
/// </summary>
public sealed class IntegratorDirectory
{
    private static readonly byte[] UnknownClientHash = SHA256.HashData("no integrator has this hash"u8);
    private readonly FrozenDictionary<string, (Integrator Integrator, byte[] Hash)> _integrators;

    public IntegratorDirectory(IOptions<AuthOptions> options)
    {
        _integrators = options.Value.Integrators.ToFrozenDictionary(
            i => i.ClientId,
            i => (new Integrator(i.ClientId, i.Kiosks.ToArray(), i.Scopes.Distinct().ToArray()), Convert.FromHexString(i.SecretSha256)),
            StringComparer.Ordinal);
    }

    public Integrator? Verify(string clientId, string clientSecret)
    {
        var found = _integrators.TryGetValue(clientId, out var entry);
        var expected = found ? entry.Hash : UnknownClientHash;
        var actual = HashSecret(clientSecret);
        var matches = CryptographicOperations.FixedTimeEquals(actual, expected);
        return found && matches ? entry.Integrator : null;
    }

    /// <summary>Whether a client id is configured; for the journal, which keeps only known ids.</summary>
    public bool IsConfigured(string? clientId) => clientId is not null && _integrators.ContainsKey(clientId);

    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
