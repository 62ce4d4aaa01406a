using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KioskAgent.Tests.Support;

/// <summary>
/// testing.md's list of JWT cases every build must reject, each as a token built by <see cref="TokenForge"/>.
/// Shared by the one-route rejection tests and the proof suite's every-route battery.
/// </summary>
public static class JwtCases
{
    public static readonly IReadOnlyList<string> All =
    [
        "alg none", "alg None", "alg NONE", "alg nOnE signed", "signature stripped", "signature swapped", "signature of another payload",
        "HS256 with the RSA public key as secret", "RS256 header with HMAC signature", "wrong key", "weak key",
        "jku header pointing at attacker", "jwk header with attacker key", "kid header with attacker key",
        "exp missing", "exp past beyond skew", "nbf in the future", "iat in the future", "iat missing",
        "wrong iss", "wrong aud", "aud missing", "typ JWT", "typ missing", "crit header", "crit b64 header",
        "malformed base64", "malformed JSON header", "malformed JSON payload", "two segments", "oversized",
    ];

    public static string Token(string situation, Func<TokenForge> newForge, byte[] keyBytes)
    {
        var forge = newForge();
        var now = DateTimeOffset.UtcNow;
        switch (situation)
        {
            case "alg none": forge.Header["alg"] = "none"; return forge.Unsigned();
            case "alg None": forge.Header["alg"] = "None"; return forge.Unsigned();
            case "alg NONE": forge.Header["alg"] = "NONE"; return forge.Unsigned();
            case "alg nOnE signed": forge.Header["alg"] = "nOnE"; return forge.SignHs256(keyBytes);
            case "signature stripped": return forge.SignHs256(keyBytes)[..(forge.SignHs256(keyBytes).LastIndexOf('.') + 1)];
            case "signature swapped":
                var good = forge.SignHs256(keyBytes);
                var other = newForge();
                other.Payload["sub"] = "someone-else";
                return good[..good.LastIndexOf('.')] + other.SignHs256(keyBytes)[other.SignHs256(keyBytes).LastIndexOf('.')..];
            case "signature of another payload":
                var signed = forge.SignHs256(keyBytes);
                forge.Payload["scope"] = "kiosk:read kiosk:maintain admin";
                return forge.SigningInput + signed[signed.LastIndexOf('.')..];
            case "HS256 with the RSA public key as secret":
                using (var rsa = RSA.Create(2048))
                {
                    return forge.SignHs256(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()));
                }

            case "RS256 header with HMAC signature": forge.Header["alg"] = "RS256"; return forge.SignHs256(keyBytes);
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
            case "exp missing": forge.Payload.Remove("exp"); return forge.SignHs256(keyBytes);
            case "exp past beyond skew": forge.Payload["exp"] = now.AddMinutes(-2).ToUnixTimeSeconds(); return forge.SignHs256(keyBytes);
            case "nbf in the future": forge.Payload["nbf"] = now.AddMinutes(2).ToUnixTimeSeconds(); return forge.SignHs256(keyBytes);
            case "iat in the future": forge.Payload["iat"] = now.AddMinutes(2).ToUnixTimeSeconds(); return forge.SignHs256(keyBytes);
            case "iat missing": forge.Payload.Remove("iat"); return forge.SignHs256(keyBytes);
            case "wrong iss": forge.Payload["iss"] = "someone-else"; return forge.SignHs256(keyBytes);
            case "wrong aud": forge.Payload["aud"] = "another-api"; return forge.SignHs256(keyBytes);
            case "aud missing": forge.Payload.Remove("aud"); return forge.SignHs256(keyBytes);
            case "typ JWT": forge.Header["typ"] = "JWT"; return forge.SignHs256(keyBytes);
            case "typ missing": forge.Header.Remove("typ"); return forge.SignHs256(keyBytes);
            case "crit header":
                forge.Header["crit"] = new JsonArray("exp-ext");
                forge.Header["exp-ext"] = true;
                return forge.SignHs256(keyBytes);
            case "crit b64 header":
                forge.Header["crit"] = new JsonArray("b64");
                forge.Header["b64"] = false;
                return forge.SignHs256(keyBytes);
            case "malformed base64": var token = forge.SignHs256(keyBytes); return "!!" + token[2..];
            case "malformed JSON header":
                var body = forge.SignHs256(keyBytes);
                return TokenForge.Base64Url("{\"alg\":\"HS256\","u8) + body[body.IndexOf('.')..];
            case "malformed JSON payload":
                var header = forge.SigningInput[..forge.SigningInput.IndexOf('.')];
                var input = header + "." + TokenForge.Base64Url("{\"sub\":"u8);
                return input + "." + TokenForge.Base64Url(HMACSHA256.HashData(keyBytes, Encoding.ASCII.GetBytes(input)));
            case "two segments": return forge.SigningInput;
            case "oversized": forge.Payload["padding"] = new string('x', 12_000); return forge.SignHs256(keyBytes);
            default: throw new ArgumentOutOfRangeException(nameof(situation), situation, "no such case");
        }
    }
}
