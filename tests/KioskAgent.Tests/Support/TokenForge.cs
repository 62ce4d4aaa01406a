using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KioskAgent.Tests.Support;

/// <summary>
/// Builds JWS compact tokens byte by byte, so a test can make any header or claim an attacker could: the token
/// library would refuse to produce most of them.
/// </summary>
public sealed class TokenForge
{
    public TokenForge(string issuer, string audience, string subject, DateTimeOffset now)
    {
        Header = new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt" };
        Payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["kiosks"] = new JsonArray(AgentFactory.KioskId),
            ["scope"] = "kiosk:read kiosk:maintain",
        };
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string SigningInput => $"{Base64Url(Encoding.UTF8.GetBytes(Header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(Payload.ToJsonString()))}";

    /// <summary>HMAC-SHA256 over the signing input with the given key bytes.</summary>
    public string SignHs256(byte[] key) => $"{SigningInput}.{Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(SigningInput)))}";

    public string Unsigned() => $"{SigningInput}.";
}
