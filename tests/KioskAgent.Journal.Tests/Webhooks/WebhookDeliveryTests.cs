using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KioskAgent.Devices.Runtime;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;
using KioskAgent.Journal.Webhooks;
using KioskAgent.Testing;
using Microsoft.Extensions.Logging;

namespace KioskAgent.Journal.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec-acme-8f3Kq1Vz6Yb2Lr9Tn4Wx7Mc5Hd0Js3Pg";

    private static JournalOptions Options(params (string Integrator, WebhookTarget Target)[] targets)
    {
        var options = JournalRig.FastOptions();
        options.Webhooks.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Webhooks.MaxBackoff = TimeSpan.FromMilliseconds(200);
        options.Webhooks.PollInterval = TimeSpan.FromMilliseconds(100);
        options.Webhooks.RequestTimeout = TimeSpan.FromSeconds(5);
        foreach (var (integrator, target) in targets)
        {
            options.Webhooks.Integrators[integrator] = target;
        }

        return options;
    }

    private static Task RecordRestartAsync(JournalRig rig, RestartPhase phase = RestartPhase.Requested, string kiosk = "kiosk-1") =>
        rig.Journal.TryRecordRestartAsync(JournalRig.Phase(Guid.NewGuid(), phase, DateTimeOffset.UtcNow, kiosk), CancellationToken.None);

    private static WebhookDeliveryState StateOf(JournalRig rig, long entryId, string integrator = "acme-backend") =>
        rig.Journal.Deliveries([entryId]).TryGetValue(entryId, out var states) ? states.Single(s => s.Integrator == integrator) : throw new Xunit.Sdk.XunitException($"entry {entryId} has no delivery");

    private static long OnlyEntryId(JournalRig rig) => rig.Journal.Query(new EventQuery()).Entries.Single().Id;

    [Fact]
    public async Task A_delivery_is_signed_with_HMAC_SHA256_over_the_exact_body_bytes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = new JournalRig(Options(("acme-backend", WebhookRig.Target(receiver.Url, Secret))));
        var dispatcher = await WebhookRig.StartDispatcherAsync(rig);

        await RecordRestartAsync(rig);
        await Eventually.TrueAsync(() => receiver.Received.Count == 1, "one delivery");
        await Eventually.TrueAsync(() => StateOf(rig, OnlyEntryId(rig)).Status == DeliveryStatus.Delivered, "marked delivered");
        await WebhookRig.StopAsync(dispatcher);

        var delivery = receiver.Received[0];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), delivery.Body));
        Assert.Equal(expected, delivery.Signature);
        Assert.NotEqual("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret + "x"), delivery.Body)), delivery.Signature);
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(OnlyEntryId(rig), body.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(delivery.EventId, body.RootElement.GetProperty("id").GetInt64().ToString());
        Assert.Equal("restart", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("requested", body.RootElement.GetProperty("data").GetProperty("phase").GetString());
        Assert.False(body.RootElement.GetProperty("data").TryGetProperty("type", out _)); // said once, at the top
        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        Assert.Equal("1", delivery.Attempt);
        Assert.InRange(long.Parse(delivery.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var state = StateOf(rig, OnlyEntryId(rig));
        Assert.Equal((1, (string?)null), (state.Attempts, state.LastError));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_the_same_bytes_until_it_answers()
    {
        await using var receiver = await WebhookReceiver.StartAsync(status: 500);
        await using var rig = new JournalRig(Options(("acme-backend", WebhookRig.Target(receiver.Url, Secret))));
        var dispatcher = await WebhookRig.StartDispatcherAsync(rig);

        await RecordRestartAsync(rig);
        await Eventually.TrueAsync(() => receiver.Received.Count >= 2, "two failed attempts");
        var failing = StateOf(rig, OnlyEntryId(rig));
        Assert.Equal(DeliveryStatus.Pending, failing.Status);
        Assert.Equal("HTTP 500 Internal Server Error", failing.LastError);
        Assert.NotNull(failing.NextAttemptAt);
        receiver.Status = 200;
        await Eventually.TrueAsync(() => StateOf(rig, OnlyEntryId(rig)).Status == DeliveryStatus.Delivered, "delivered once the receiver recovered");
        await WebhookRig.StopAsync(dispatcher);

        var attempts = receiver.Received;
        Assert.Equal(200, attempts[^1].AnsweredStatus);
        Assert.All(attempts.SkipLast(1), a => Assert.Equal(500, a.AnsweredStatus));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Signature, a.Signature));
        Assert.Equal(Enumerable.Range(1, attempts.Count).Select(i => i.ToString()), attempts.Select(a => a.Attempt));
        Assert.Equal(attempts.Count, StateOf(rig, OnlyEntryId(rig)).Attempts);
    }

    [Fact]
    public async Task Undelivered_entries_are_delivered_after_the_agent_restarts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(status: 503);
        await using var rig = new JournalRig(Options(("acme-backend", WebhookRig.Target(receiver.Url, Secret))));
        var dispatcher = await WebhookRig.StartDispatcherAsync(rig);
        await RecordRestartAsync(rig);
        await Eventually.TrueAsync(() => receiver.Received.Count >= 1, "a failed attempt before the restart");
        await WebhookRig.StopAsync(dispatcher);
        await RecordRestartAsync(rig); // written while no dispatcher runs: never attempted before the restart

        await rig.ReopenAsync();
        receiver.Status = 200;
        dispatcher = await WebhookRig.StartDispatcherAsync(rig);
        var ids = rig.Journal.Query(new EventQuery()).Entries.Select(e => e.Id).Reverse().ToArray();
        await Eventually.TrueAsync(() => ids.All(id => StateOf(rig, id).Status == DeliveryStatus.Delivered), "both delivered after the restart");
        await WebhookRig.StopAsync(dispatcher);

        var delivered = receiver.Received.Where(r => r.AnsweredStatus == 200).Select(r => long.Parse(r.EventId)).ToArray();
        Assert.Equal(ids, delivered);
    }

    [Fact]
    public async Task A_delivery_is_given_up_after_the_last_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(status: 500);
        var options = Options(("acme-backend", WebhookRig.Target(receiver.Url, Secret)));
        options.Webhooks.MaxAttempts = 2;
        await using var rig = new JournalRig(options);
        var dispatcher = await WebhookRig.StartDispatcherAsync(rig);

        await RecordRestartAsync(rig);
        await Eventually.TrueAsync(() => StateOf(rig, OnlyEntryId(rig)).Status == DeliveryStatus.Failed, "given up");
        await Task.Delay(300);
        await WebhookRig.StopAsync(dispatcher);

        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal((2, "HTTP 500 Internal Server Error"), (StateOf(rig, OnlyEntryId(rig)).Attempts, StateOf(rig, OnlyEntryId(rig)).LastError));
        Assert.Contains(rig.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("given up after 2 attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Logs.GetSnapshot(), r => r.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receiver_that_is_down_holds_back_only_its_own_integrator()
    {
        await using var down = await WebhookReceiver.StartAsync(status: 500);
        await using var up = await WebhookReceiver.StartAsync();
        await using var rig = new JournalRig(Options(
            ("down-backend", WebhookRig.Target(down.Url, Secret)),
            ("acme-backend", WebhookRig.Target(up.Url, Secret + "-acme"))));
        var dispatcher = await WebhookRig.StartDispatcherAsync(rig);

        for (var i = 0; i < 5; i++)
        {
            await RecordRestartAsync(rig);
        }

        await Eventually.TrueAsync(() => up.Received.Count == 5, "all five delivered to the integrator that is up");
        await WebhookRig.StopAsync(dispatcher);

        var ids = rig.Journal.Query(new EventQuery()).Entries.Select(e => e.Id).Reverse().ToArray();
        Assert.Equal(ids, up.Received.Select(r => long.Parse(r.EventId)));
        Assert.All(down.Received, r => Assert.Equal(ids[0].ToString(), r.EventId)); // its line waits behind the first entry
        Assert.Equal(DeliveryStatus.Pending, StateOf(rig, ids[^1], "down-backend").Status);
    }

    [Fact]
    public async Task Only_the_configured_kiosks_and_types_are_queued_for_an_integrator()
    {
        var target = WebhookRig.Target("http://127.0.0.1:9/hook", Secret, "restart");
        target.Kiosks = ["kiosk-2"];
        await using var rig = new JournalRig(Options(("acme-backend", target)));

        await RecordRestartAsync(rig, kiosk: "kiosk-1");
        await RecordRestartAsync(rig, kiosk: "kiosk-2");
        await EntryFactory.WriteTransitionsAsync(rig.Journal, 1, DateTimeOffset.UtcNow, TimeSpan.Zero, kiosk: "kiosk-2");

        var entries = rig.Journal.Query(new EventQuery()).Entries;
        var deliveries = rig.Journal.Deliveries(entries.Select(e => e.Id).ToArray());
        var queued = Assert.Single(deliveries);
        Assert.Equal("kiosk-2", entries.Single(e => e.Id == queued.Key).KioskId);
        Assert.Equal(EntryType.Restart, entries.Single(e => e.Id == queued.Key).Type);
    }

    [Fact]
    public async Task An_integrator_receives_its_own_logins_only()
    {
        await using var rig = new JournalRig(Options(
            ("acme-backend", WebhookRig.Target("http://127.0.0.1:9/hook", Secret, "auth")),
            ("other-backend", WebhookRig.Target("http://127.0.0.1:9/hook", Secret, "auth"))));
        rig.Journal.Record(new KioskAgent.Journal.Recording.AuthenticationAttempt("acme-backend", true, "192.0.2.1", AuthenticationOutcome.Succeeded));
        rig.Journal.Record(new KioskAgent.Journal.Recording.AuthenticationAttempt("intruder", false, "192.0.2.9", AuthenticationOutcome.InvalidCredentials));
        await rig.StartWorkerAsync();
        await rig.StopWorkerAsync();

        var entries = rig.Journal.Query(new EventQuery()).Entries;
        var deliveries = rig.Journal.Deliveries(entries.Select(e => e.Id).ToArray());

        var only = Assert.Single(deliveries);
        Assert.Equal("acme-backend", Assert.Single(only.Value).Integrator);
    }

    [Fact]
    public async Task The_backoff_doubles_from_the_initial_wait_up_to_the_maximum()
    {
        var options = JournalRig.FastOptions();
        options.Webhooks.InitialBackoff = TimeSpan.FromSeconds(2);
        options.Webhooks.MaxBackoff = TimeSpan.FromMinutes(1);
        await using var rig = new JournalRig(options);
        var dispatcher = new WebhookDispatcher(rig.Journal, new ThrowingClients(), rig.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<WebhookDispatcher>.Instance);

        Assert.Equal(
            [2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 7).Select(attempt => dispatcher.Backoff(attempt).TotalSeconds));
        Assert.Equal(60, dispatcher.Backoff(1000).TotalSeconds);
        dispatcher.Dispose();
    }

    private sealed class ThrowingClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no HTTP in this test");
    }
}
