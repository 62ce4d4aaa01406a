using System.Text.Json;
using System.Text.RegularExpressions;
using KioskAgent.Auth;

namespace KioskAgent.Tests;

/// <summary><c>integrator add</c>: a secret shown once, and a configuration entry holding only its hash.</summary>
public sealed class IntegratorCommandTests
{
    [Fact]
    public void AddPrintsASecretAndTheEntryWithItsHash()
    {
        var output = new StringWriter();
        var exit = IntegratorCommand.Run(["integrator", "add", "acme-backend", "--kiosk", "k1", "--kiosk", "k2", "--scope", "kiosk:read"], output, new StringWriter());

        Assert.Equal(0, exit);
        var text = output.ToString();
        var secret = Regex.Match(text, "Client secret: (\\S+)").Groups[1].Value;
        Assert.Equal(43, secret.Length); // 256 bits, base64url without padding
        var entry = JsonDocument.Parse(text[text.IndexOf('{')..]).RootElement;
        Assert.Equal("acme-backend", entry.GetProperty("ClientId").GetString());
        Assert.Equal(Convert.ToHexStringLower(IntegratorDirectory.HashSecret(secret)), entry.GetProperty("SecretSha256").GetString());
        Assert.Equal(["k1", "k2"], entry.GetProperty("Kiosks").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["kiosk:read"], entry.GetProperty("Scopes").EnumerateArray().Select(k => k.GetString()));
        Assert.Single(Regex.Matches(text, Regex.Escape(secret)));
    }

    [Fact]
    public void TwoRunsMakeDifferentSecrets()
    {
        string Secret()
        {
            var output = new StringWriter();
            IntegratorCommand.Run(["integrator", "add", "x", "--kiosk", "*", "--scope", "kiosk:maintain"], output, new StringWriter());
            return Regex.Match(output.ToString(), "Client secret: (\\S+)").Groups[1].Value;
        }

        Assert.NotEqual(Secret(), Secret());
    }

    [Theory]
    [InlineData("integrator")]
    [InlineData("integrator add")]
    [InlineData("integrator add x --scope kiosk:read")]
    [InlineData("integrator add x --kiosk k1")]
    [InlineData("integrator add x --kiosk k1 --scope kiosk:admin")]
    [InlineData("integrator add x --kiosk k1 --scope")]
    [InlineData("integrator add x --colour blue")]
    public void BadArgumentsExplainAndExitWith2(string command)
    {
        var error = new StringWriter();
        Assert.Equal(2, IntegratorCommand.Run(command.Split(' '), new StringWriter(), error));
        Assert.Contains("usage: integrator add", error.ToString());
    }
}
