using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KioskAgent.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests;

/// <summary>Every JWT case of testing.md: 401, the envelope, and WWW-Authenticate naming invalid_token.</summary>
public sealed class JwtRejectionTests(AgentFactory agent) : IClassFixture<AgentFactory>
{
    private static readonly string StatusPath = $"/api/kiosk/{AgentFactory.KioskId}/status";

    public static TheoryData<string> Cases() =>
    [
        "alg none", "alg None", "alg NONE", "alg nOnE signed", "signature stripped", "signature swapped", "signature of another payload",
        "HS256 with the RSA public key as secret", "RS256 header with HMAC signature", "wrong key", "weak key",
        "jku header pointing at attacker", "jwk header with attacker key", "kid header with attacker key",
        "exp missing", "exp past beyond skew", "nbf in the future", "iat in the future", "iat missing",
        "wrong iss", "wrong aud", "aud missing", "typ JWT", "typ missing", "crit header", "crit b64 header",
        "malformed base64", "malformed JSON header", "malformed JSON payload", "two segments", "oversized",
    ];

    [Fact]
    public async Task ForgedTokenSignedWithTheRightKeyIsAccepted()
    {
        // The control case: the forge itself makes tokens the agent takes, so each rejection below is about its one change.
        using var response = await agent.ClientWithToken(Forge().SignHs256(KeyBytes)).GetAsync(StatusPath);
        await response.EnvelopeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TokenIsRejected(string situation)
    {
        using var client = agent.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, StatusPath);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {Token(situation)}");
        using var response = await client.SendAsync(request);

        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
    }

    [Fact]
    public async Task NoHeaderReceived()
    {
        using var response = await agent.CreateClient().GetAsync(StatusPath);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task ExpiredWithinSkewIsStillAccepted()
    {
        // Proves the skew is the configured 30 s, not the framework's 5 minutes, from the accepting side.
        var forge = Forge();
        var tenMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        forge.Payload["iat"] = tenMinutesAgo;
        forge.Payload["nbf"] = tenMinutesAgo;
        forge.Payload["exp"] = DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeSeconds();
        using var accepted = await agent.ClientWithToken(forge.SignHs256(KeyBytes)).GetAsync(StatusPath);
        await accepted.EnvelopeAsync(HttpStatusCode.OK);

        forge.Payload["exp"] = DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeSeconds();
        using var rejected = await agent.ClientWithToken(forge.SignHs256(KeyBytes)).GetAsync(StatusPath);
        await rejected.EnvelopeAsync(HttpStatusCode.Unauthorized);
    }

    private byte[] KeyBytes => ((SymmetricSecurityKey)agent.SigningKey).Key;

    private TokenForge Forge() => new(agent.AuthOptions.Issuer, agent.AuthOptions.Audience, AgentFactory.Maintainer.ClientId, DateTimeOffset.UtcNow);

    private string Token(string situation)
    {
        var forge = Forge();
        var now = DateTimeOffset.UtcNow;
        switch (situation)
        {
            case "alg none": forge.Header["alg"] = "none"; return forge.Unsigned();
            case "alg None": forge.Header["alg"] = "None"; return forge.Unsigned();
            case "alg NONE": forge.Header["alg"] = "NONE"; return forge.Unsigned();
            case "alg nOnE signed": forge.Header["alg"] = "nOnE"; return forge.SignHs256(KeyBytes);
            case "signature stripped": return forge.SignHs256(KeyBytes)[..(forge.SignHs256(KeyBytes).LastIndexOf('.') + 1)];
            case "signature swapped":
                var good = forge.SignHs256(KeyBytes);
                var other = Forge();
                other.Payload["sub"] = "someone-else";
                return good[..good.LastIndexOf('.')] + other.SignHs256(KeyBytes)[other.SignHs256(KeyBytes).LastIndexOf('.')..];
            case "signature of another payload":
                var signed = forge.SignHs256(KeyBytes);
                forge.Payload["scope"] = "kiosk:read kiosk:maintain admin";
                return forge.SigningInput + signed[signed.LastIndexOf('.')..];
            case "HS256 with the RSA public key as secret":
                using (var rsa = RSA.Create(2048))
                {
                    return forge.SignHs256(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
                }

            case "RS256 header with HMAC signature": forge.Header["alg"] = "RS256"; return forge.SignHs256(KeyBytes);
            case "wrong key": return forge.SignHs256(RandomNumberGenerator.GetBytes(32));
            case "weak key": return forge.SignHs256("secret"u8.ToArray());
            case "jku header pointing at attacker":
                forge.Header["jku"] = "https://attacker.invalid/jwks.json";
                forge.Header["kid"] = "attacker";
                return forge.SignHs256(RandomNumberGenerator.GetBytes(32));
            case "jwk header with attacker key":
                var attackerKey = RandomNumberGenerator.GetBytes(32);
                forge.Header["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = TokenForge.Base64Url(attackerKey) };
                return forge.SignHs256(attackerKey);
            case "kid header with attacker key":
                forge.Header["kid"] = "../../../../dev/null";
                return forge.SignHs256(new byte[32]);
            case "exp missing": forge.Payload.Remove("exp"); return forge.SignHs256(KeyBytes);
            case "exp past beyond skew": forge.Payload["exp"] = now.AddMinutes(-2).ToUnixTimeSeconds(); return forge.SignHs256(KeyBytes);
            case "nbf in the future": forge.Payload["nbf"] = now.AddMinutes(2).ToUnixTimeSeconds(); return forge.SignHs256(KeyBytes);
            case "iat in the future": forge.Payload["iat"] = now.AddMinutes(2).ToUnixTimeSeconds(); return forge.SignHs256(KeyBytes);
            case "iat missing": forge.Payload.Remove("iat"); return forge.SignHs256(KeyBytes);
            case "wrong iss": forge.Payload["iss"] = "someone-else"; return forge.SignHs256(KeyBytes);
            case "wrong aud": forge.Payload["aud"] = "another-api"; return forge.SignHs256(KeyBytes);
            case "aud missing": forge.Payload.Remove("aud"); return forge.SignHs256(KeyBytes);
            case "typ JWT": forge.Header["typ"] = "JWT"; return forge.SignHs256(KeyBytes);
            case "typ missing": forge.Header.Remove("typ"); return forge.SignHs256(KeyBytes);
            case "crit header":
                forge.Header["crit"] = new JsonArray("exp-ext");
                forge.Header["exp-ext"] = true;
                return forge.SignHs256(KeyBytes);
            case "crit b64 header":
                forge.Header["crit"] = new JsonArray("b64");
                forge.Header["b64"] = false;
                return forge.SignHs256(KeyBytes);
            case "malformed base64": var token = forge.SignHs256(KeyBytes); return "!!" + token[2..];
            case "malformed JSON header":
                var body = forge.SignHs256(KeyBytes);
                return TokenForge.Base64Url("{\"alg\":\"HS256\","u8) + body[body.IndexOf('.')..];
            case "malformed JSON payload":
                var header = forge.SigningInput[..forge.SigningInput.IndexOf('.')];
                var input = header + "." + TokenForge.Base64Url("{\"sub\":"u8);
                return input + "." + TokenForge.Base64Url(HMACSHA256.HashData(KeyBytes, Encoding.ASCII.GetBytes(input)));
            case "two segments": return forge.SigningInput;
            case "oversized": forge.Payload["padding"] = new string('x', 12_000); return forge.SignHs256(KeyBytes);
            default: throw new ArgumentOutOfRangeException(nameof(situation), situation, "no such case");
        }
    }
}
