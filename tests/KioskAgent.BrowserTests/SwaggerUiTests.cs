using System.Text.Json;
using KioskAgent.Auth;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.BrowserTests;

/// <summary>
/// A technician's session in Swagger UI, in Debian's chromium: get a token from POST /api/auth, Authorize with it,
/// then Try it out on the kiosk status and on a device status; every reply 200 with the envelope, no console error.
/// </summary>
public sealed class SwaggerUiTests(ITestOutputHelper output)
{
    private const string KioskId = "3a191de7-5c4f-4b8e-9d21-6f0e8c7b2a10";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task TechnicianAuthorizesAndTriesKioskAndDeviceStatus()
    {
        var chromium = Environment.GetEnvironmentVariable("KIOSKAGENT_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: apt-get install chromium (never 'playwright install').");

        await using var agent = new BrowserAgent();
        var address = agent.Address;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = 60_000,
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { problems.Add($"console: {message.Text}"); } };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");

        await page.GotoAsync(new Uri(address, "/swagger").ToString());
        await page.Locator(".information-container .title").WaitForAsync();
        Assert.Contains("KioskAgent integrator API", await page.Locator(".information-container .title").InnerTextAsync());

        // POST /api/auth with the development integrator, through the UI.
        var auth = Operation(page, "post", "/api/auth");
        await auth.Locator(".opblock-summary").ClickAsync();
        await auth.Locator(".try-out__btn").ClickAsync();
        await auth.Locator("textarea.body-param__text").FillAsync(JsonSerializer.Serialize(new
        {
            client_id = DevelopmentCredentials.ClientId,
            client_secret = DevelopmentCredentials.ClientSecret,
        }));
        var tokenReply = await ExecuteAsync(auth);
        var token = tokenReply.GetProperty("data").GetProperty("token").GetString()!;
        await auth.Locator(".opblock-summary").ClickAsync();

        // Authorize with it.
        await page.Locator(".auth-wrapper .authorize").ClickAsync();
        var modal = page.Locator(".modal-ux");
        await modal.Locator("input").First.FillAsync(token);
        await modal.Locator(".auth-btn-wrapper .authorize").ClickAsync();
        await modal.Locator(".btn-done").ClickAsync();

        var kiosk = Operation(page, "get", "/api/kiosk/{kiosk_id}/status");
        await kiosk.Locator(".opblock-summary").ClickAsync();
        await kiosk.Locator(".try-out__btn").ClickAsync();
        await kiosk.Locator("input[placeholder='kiosk_id']").FillAsync(KioskId);
        var status = await ExecuteAsync(kiosk);
        foreach (var key in new[] { "cpu", "printer", "scanner", "tpv", "bill_reader" })
        {
            Assert.False(string.IsNullOrEmpty(status.GetProperty("data").GetProperty(key).GetString()), key);
        }

        var device = Operation(page, "get", "/api/kiosk/{kiosk_id}/{device}/status");
        await device.Locator(".opblock-summary").ClickAsync();
        await device.Locator(".try-out__btn").ClickAsync();
        await device.Locator("input[placeholder='kiosk_id']").FillAsync(KioskId);
        await device.Locator("input[placeholder='device']").FillAsync("printer");
        var printer = await ExecuteAsync(device);
        Assert.Equal("ESC/POS", printer.GetProperty("data").GetProperty("connection").GetProperty("protocol").GetString());

        var artifacts = ArtifactsDirectory();
        await device.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "swagger-ui-device-status.png") });
        var screenshot = Path.Combine(artifacts, "swagger-ui.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.Empty(problems);
    }

    private static ILocator Operation(IPage page, string method, string path) =>
        page.Locator($".opblock-{method}").Filter(new() { Has = page.Locator($".opblock-summary-path[data-path='{path}']") });

    /// <summary>Executes the expanded operation; asserts the live response is 200 with the success envelope and returns it.</summary>
    private static async Task<JsonElement> ExecuteAsync(ILocator operation)
    {
        await operation.Locator("button.execute").ClickAsync();
        var live = operation.Locator(".live-responses-table .response");
        await live.Locator(".response-col_status").WaitForAsync();
        Assert.Equal("200", (await live.Locator(".response-col_status").InnerTextAsync()).Trim());
        var body = JsonDocument.Parse(await live.Locator(".response-col_description pre").First.InnerTextAsync()).RootElement.Clone();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("request_id").GetString());
        return body;
    }

    private static string ArtifactsDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("KIOSKAGENT_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        return Directory.CreateDirectory(directory).FullName;
    }
}
