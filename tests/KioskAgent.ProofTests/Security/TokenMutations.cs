using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using KioskAgent.Tests.Support;

namespace KioskAgent.ProofTests.Security;

/// <summary>
/// Random mutations of a valid token: each is a pure function of a few generated integers, so CsCheck drives them and
/// a failing one is reproduced from its numbers. None of them can be made without the signing key, except where a
/// mutation is re-signed with the real key on purpose (duplicated keys whose last value is bad, swapped fields): those
/// check the parser and the validation rules, and must be refused as well.
/// </summary>
public sealed class TokenMutations(string original, IReadOnlyList<string> others, byte[] realKey)
{
    public const int Kinds = 9;

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly (string Segment, string Key, JsonNode Bad)[] BadValues =
    [
        ("header", "alg", JsonValue.Create("none")),
        ("header", "alg", JsonValue.Create("HS512")),
        ("header", "typ", JsonValue.Create("JWT")),
        ("header", "crit", new JsonArray("x")),
        ("payload", "iss", JsonValue.Create("attacker")),
        ("payload", "aud", JsonValue.Create("another-api")),
        ("payload", "exp", JsonValue.Create(946684800)),
        ("payload", "nbf", JsonValue.Create(4102444800)),
        ("payload", "iat", JsonValue.Create(4102444800)),
    ];

    /// <summary>The generator: a mutation kind and three numbers that pick where and what.</summary>
    /// <summary>
    /// The generator: a mutation kind (weighted by how many distinct tokens it can make) and three numbers that pick
    /// where and what.
    /// </summary>
    public static Gen<(int Kind, int A, int B, int C)> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Frequency((6, 0), (6, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (3, 7), (1, 8)),
        Number,
        Number,
        Number);

    private static Gen<int> Number => CsCheck.Gen.Int.Select(i => i & int.MaxValue);

    public static string KindName(int kind) => kind switch
    {
        0 => "bit flip",
        1 => "character swap",
        2 => "segment splice",
        3 => "base64 alphabet swap",
        4 => "duplicated JSON key (original signature)",
        5 => "duplicated JSON key, bad value last (re-signed)",
        6 => "header/payload field swap",
        7 => "truncation or extension",
        _ => "segment count",
    };

    public string Mutate(int kind, int a, int b, int c)
    {
        var parts = original.Split('.');
        switch (kind)
        {
            case 0:
            {
                var segment = a % 3;
                var bytes = Decode(parts[segment]);
                var bit = b % (bytes.Length * 8);
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                parts[segment] = TokenForge.Base64Url(bytes);
                return string.Join('.', parts);
            }

            case 1:
            {
                var chars = original.ToCharArray();
                var at = a % chars.Length;
                chars[at] = Base64UrlAlphabet[b % Base64UrlAlphabet.Length];
                return new string(chars);
            }

            case 2:
            {
                var pool = new[] { original }.Concat(others).Select(t => t.Split('.')).ToArray();
                var spliced = new[] { pool[a % pool.Length][0], pool[b % pool.Length][1], pool[c % pool.Length][2] };
                return string.Join('.', spliced);
            }

            case 3:
                return (a % 4) switch
                {
                    0 => original.Replace('-', '+').Replace('_', '/'),
                    1 => string.Join('.', parts.Select((p, i) => i == b % 3 ? p + new string('=', (4 - (p.Length % 4)) % 4 is 0 ? 4 : (4 - (p.Length % 4)) % 4) : p)),
                    2 => Convert.ToBase64String(Decode(parts[0])) + "." + parts[1] + "." + parts[2],
                    // Inside a segment: spaces around the token are RFC 6750's separator (1*SP), not part of it.
                    _ => string.Join('.', parts.Select((p, i) => i == b % 3 ? p.Insert(1 + (c % (p.Length - 1)), " ") : p)),
                };

            case 4:
            case 5:
            {
                var (segment, key, bad) = BadValues[a % BadValues.Length];
                var index = segment == "header" ? 0 : 1;
                var json = Encoding.UTF8.GetString(Decode(parts[index]));
                var duplicate = $"\"{key}\":{bad.ToJsonString()}";

                // Kind 4 puts the bad copy first or last and keeps the signature; kind 5 puts it last and signs with the real key:
                // RFC 7515 §4 lets a parser reject duplicates or keep the last one, and either way this token must fail.
                var mutated = kind == 5 || b % 2 == 0 ? json[..^1] + "," + duplicate + "}" : "{" + duplicate + "," + json[1..];
                parts[index] = TokenForge.Base64Url(Encoding.UTF8.GetBytes(mutated));
                return kind == 5 ? Sign(parts[0], parts[1]) : string.Join('.', parts);
            }

            case 6:
            {
                var header = JsonNode.Parse(Decode(parts[0]))!.AsObject();
                var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
                switch (a % 5)
                {
                    case 0: (payload["iss"], payload["aud"]) = (payload["aud"]!.DeepClone(), payload["iss"]!.DeepClone()); break;
                    case 1: (payload["exp"], payload["iat"]) = (payload["iat"]!.DeepClone(), payload["exp"]!.DeepClone()); break;
                    case 2: (header["typ"], header["alg"]) = (header["alg"]!.DeepClone(), header["typ"]!.DeepClone()); break;
                    case 3:
                        header["iss"] = payload["iss"]!.DeepClone();
                        header["aud"] = payload["aud"]!.DeepClone();
                        payload.Remove("iss");
                        payload.Remove("aud");
                        break;
                    default: (header, payload) = (payload, header); break;
                }

                var h = TokenForge.Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()));
                var p = TokenForge.Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
                return b % 2 == 0 ? Sign(h, p) : $"{h}.{p}.{parts[2]}";
            }

            case 7:
                return a % 2 == 0
                    ? original[..(b % original.Length)]
                    : original + new string(Base64UrlAlphabet[c % Base64UrlAlphabet.Length], 1 + (b % 16));

            default:
                return (a % 4) switch
                {
                    0 => original + "." + parts[2],
                    1 => $"{parts[0]}..{parts[1]}.{parts[2]}.{parts[2]}",
                    2 => $"{parts[0]}.{parts[2]}",
                    _ => $".{parts[1]}.{parts[2]}",
                };
        }
    }

    private string Sign(string header, string payload)
    {
        var input = $"{header}.{payload}";
        return $"{input}.{TokenForge.Base64Url(HMACSHA256.HashData(realKey, Encoding.ASCII.GetBytes(input)))}";
    }

    private static byte[] Decode(string segment)
    {
        var s = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
