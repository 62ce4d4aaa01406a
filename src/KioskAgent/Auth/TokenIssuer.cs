using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Auth;

/// <summary>The token reply's <c>data</c> (api.md, "Authentication").</summary>
public sealed record TokenResponse(string Token, string TokenType, int ExpiresIn, string Scope, IReadOnlyList<string> Kiosks);

/// <summary>The single signing key, from <c>Auth:SigningKey</c>. Tokens name no key id: there is only this one.</summary>
public sealed class SigningKeys(IOptions<AuthOptions> options)
{
    public SymmetricSecurityKey Key { get; } = new(Convert.FromBase64String(options.Value.SigningKey!));
}

/// <summary>Mints integrator tokens: HS256, <c>typ: at+jwt</c> (RFC 9068), the claims the contract lists.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, SigningKeys keys, TimeProvider time)
{
    /// <summary>The <c>typ</c> header of an integrator token; validation accepts no other.</summary>
    public const string TokenType = "at+jwt";

    public const string KiosksClaim = "kiosks";

    public const string ScopeClaim = "scope";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A new token for an integrator whose credentials checked out; <c>TokenId</c> is its <c>jti</c>, for the log.</summary>
    public (TokenResponse Response, string TokenId) Issue(Integrator integrator)
    {
        var auth = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var scope = string.Join(' ', integrator.Scopes);
        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + auth.TokenLifetime,
            TokenType = TokenType,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = integrator.ClientId,
                [JwtRegisteredClaimNames.Jti] = tokenId,
                [KiosksClaim] = integrator.Kiosks.ToArray(),
                [ScopeClaim] = scope,
            },
        });
        return (new TokenResponse(token, "Bearer", (int)auth.TokenLifetime.TotalSeconds, scope, integrator.Kiosks), tokenId);
    }
}
