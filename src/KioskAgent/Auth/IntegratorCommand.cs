using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KioskAgent.Auth;

/// <summary>
/// <c>kioskagent integrator add NAME --kiosk ID [--kiosk ID...] --scope SCOPE [--scope SCOPE]</c>: makes a random
/// 256-bit secret, prints it once, and prints the <c>Auth:Integrators</c> entry (with only the secret's hash) to
/// paste into the configuration. The agent keeps no copy of the secret.
/// </summary>
public static class IntegratorCommand
{
    public const string Usage = "usage: integrator add NAME --kiosk ID|* [--kiosk ID...] --scope kiosk:read|kiosk:maintain [--scope ...]";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "integrator";

    /// <returns>The process exit code: 0 done, 2 bad arguments.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var name, out var kiosks, out var scopes, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        var secret = Base64UrlSecret();
        var entry = new JsonObject
        {
            ["ClientId"] = name,
            ["SecretSha256"] = Convert.ToHexStringLower(IntegratorDirectory.HashSecret(secret)),
            ["Kiosks"] = new JsonArray([.. kiosks.Select(k => JsonValue.Create(k))]),
            ["Scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
        };
        output.WriteLine($"Client id:     {name}");
        output.WriteLine($"Client secret: {secret}");
        output.WriteLine("Give the secret to the integrator now: it is shown only this once and the agent stores only its hash.");
        output.WriteLine("Add this entry to the Auth:Integrators array of the agent's configuration:");
        output.WriteLine(entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static bool TryParse(string[] args, out string name, out List<string> kiosks, out List<string> scopes, out string problem)
    {
        name = "";
        kiosks = [];
        scopes = [];
        problem = "";
        if (args.Length < 3 || args[1] != "add" || args[2].StartsWith("--", StringComparison.Ordinal))
        {
            problem = "integrator: expected 'add' and a client id.";
            return false;
        }

        name = args[2];
        for (var i = 3; i < args.Length; i++)
        {
            var list = args[i] switch { "--kiosk" => kiosks, "--scope" => scopes, _ => null };
            if (list is null || i + 1 >= args.Length)
            {
                problem = list is null ? $"integrator add: unknown option '{args[i]}'." : $"integrator add: {args[i]} needs a value.";
                return false;
            }

            list.Add(args[++i]);
        }

        var unknown = scopes.Where(s => !Scopes.All.Contains(s)).ToList();
        problem = kiosks.Count == 0 ? "integrator add: give at least one --kiosk (a kiosk id, or * for all)."
            : scopes.Count == 0 ? "integrator add: give at least one --scope."
            : unknown.Count > 0 ? $"integrator add: unknown scope {string.Join(", ", unknown)}."
            : "";
        return problem.Length == 0;
    }

    private static string Base64UrlSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
