using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KioskAgent.Tests.Support;

namespace KioskAgent.Tests;

/// <summary>HTTPS with a configured certificate, and HSTS outside Development.</summary>
public sealed class TransportSecurityTests
{
    private const string Sts = "Strict-Transport-Security";

    [Fact]
    public async Task KestrelServesTheConfiguredPfxWithHstsInProduction()
    {
        using var certificate = SelfSigned("kiosk-07.example");
        var pfx = Path.Combine(Path.GetTempPath(), $"kioskagent-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        try
        {
            await using var agent = new KestrelAgent(new Dictionary<string, string?>
            {
                ["Auth:SigningKey"] = MetricsTests.SigningKey,
                ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
                ["Kestrel:Endpoints:Https:Certificate:Path"] = pfx,
                ["Kestrel:Endpoints:Https:Certificate:Password"] = "test-password",
            }, "Production", configuredEndpoints: true);
            var address = agent.Address("https");
            Assert.Equal("127.0.0.1", address.Host);

            X509Certificate2? served = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    served = cert is null ? null : new X509Certificate2(cert);
                    return cert?.GetCertHashString() == certificate.GetCertHashString();
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = address };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Host = "kiosk-07.example"; // HSTS is never sent to localhost/127.0.0.1
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(certificate.Thumbprint, served?.Thumbprint);
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues(Sts)));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    [InlineData("Development", false)]
    public async Task HstsOnHttpsRepliesOutsideDevelopment(string environment, bool expected)
    {
        await using var agent = AgentFactory.With(new Dictionary<string, string?> { ["Auth:SigningKey"] = MetricsTests.SigningKey }, environment);
        agent.ClientOptions.BaseAddress = new Uri("https://kiosk-07.example");
        using var response = await agent.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.Contains(Sts));
    }

    [Fact]
    public async Task PlainHttpIsServedUnlessRedirectIsConfigured()
    {
        var settings = new Dictionary<string, string?> { ["Auth:SigningKey"] = MetricsTests.SigningKey, ["Https:HstsMaxAgeDays"] = "30" };
        await using (var plain = AgentFactory.With(settings, "Production"))
        {
            plain.ClientOptions.BaseAddress = new Uri("http://kiosk-07.example");
            using var response = await plain.CreateClient().GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains(Sts));
        }

        settings["Https:Redirect"] = "true";
        settings["HTTPS_PORT"] = "443";
        await using var redirecting = AgentFactory.With(settings, "Production");
        redirecting.ClientOptions.BaseAddress = new Uri("http://kiosk-07.example");
        redirecting.ClientOptions.AllowAutoRedirect = false;
        using var redirected = await redirecting.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://kiosk-07.example/health/live", redirected.Headers.Location?.ToString());

        redirecting.ClientOptions.BaseAddress = new Uri("https://kiosk-07.example");
        using var secure = await redirecting.CreateClient().GetAsync("/health/live");
        Assert.Equal("max-age=2592000", Assert.Single(secure.Headers.GetValues(Sts)));
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
