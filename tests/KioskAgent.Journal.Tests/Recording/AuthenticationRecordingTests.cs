using System.Text;
using KioskAgent.Journal.Entries;
using KioskAgent.Journal.Recording;
using KioskAgent.Journal.Store;
using KioskAgent.Journal.Tests.Support;
using KioskAgent.Journal.Webhooks;

namespace KioskAgent.Journal.Tests.Recording;

public sealed class AuthenticationRecordingTests
{
    private const string Secret = "s3cr3t-Zq8vY2pL0wXn4RtB7kHc9JdM1aEf6GuQ";
    private const string WebhookSecret = "whsec-Jv3L9qT2mX8pR5nW1cK7bY4hD6fG0sAe";
    private const string Token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lLWJhY2tlbmQifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    [Fact]
    public async Task Successes_and_failures_are_recorded_with_client_origin_and_outcome()
    {
        await using var rig = new JournalRig();
        await rig.StartWorkerAsync();

        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "::ffff:192.0.2.10", AuthenticationOutcome.Succeeded));
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "2001:db8::7", AuthenticationOutcome.InvalidCredentials));
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, "192.0.2.10", AuthenticationOutcome.RateLimited));
        await rig.StopWorkerAsync();

        var entries = rig.Journal.Query(new EventQuery { Type = EntryType.Authentication }).Entries.Reverse().ToArray();
        Assert.All(entries, e => Assert.Equal((null, null), (e.KioskId, e.Device)));
        var details = entries.Select(e => Assert.IsType<AuthenticationDetail>(e.Detail)).ToArray();
        Assert.Equal(
            [("acme-backend", "192.0.2.10", AuthenticationOutcome.Succeeded, true),
             ("acme-backend", "2001:db8::7", AuthenticationOutcome.InvalidCredentials, false),
             ("acme-backend", "192.0.2.10", AuthenticationOutcome.RateLimited, false)],
            details.Select(d => (d.ClientId!, d.Origin!, d.Outcome, d.Success)));
    }

    [Fact]
    public async Task No_secret_or_token_reaches_the_database_even_when_sent_as_the_client_id_or_origin()
    {
        var options = JournalRig.FastOptions();
        options.Webhooks.Integrators["acme-backend"] = new WebhookTarget { Url = "http://127.0.0.1:9/hook", Secret = WebhookSecret, Types = ["auth"] };
        await using var rig = new JournalRig(options);
        await rig.StartWorkerAsync();

        // The token route has nothing else to hand over; the risk is a secret or a token pasted into a field that is kept.
        rig.Journal.Record(new AuthenticationAttempt(Secret, false, "203.0.113.5", AuthenticationOutcome.InvalidCredentials));
        rig.Journal.Record(new AuthenticationAttempt(Token, false, Token, AuthenticationOutcome.InvalidCredentials));
        rig.Journal.Record(new AuthenticationAttempt("acme-backend", true, Secret, AuthenticationOutcome.Succeeded));
        await rig.StopWorkerAsync();

        var entries = rig.Journal.Query(new EventQuery()).Entries;
        Assert.Equal(3, entries.Count);
        Assert.Single(rig.Journal.Deliveries(entries.Select(e => e.Id).ToArray())); // acme's own login: it receives no one else's
        Assert.Contains(entries, e => e.Detail is AuthenticationDetail { ClientId: null, ClientKnown: false, Origin: "203.0.113.5" });
        using (var connection = JournalRig.Connect(rig.DatabasePath))
        {
            foreach (var table in new[] { "entries", "restart_operations", "restart_phases", "webhook_outbox" })
            {
                Assert.DoesNotContain(Secret, Dump(connection, table));
                Assert.DoesNotContain(Token, Dump(connection, table));
                Assert.DoesNotContain(Token[..20], Dump(connection, table));
                Assert.DoesNotContain(WebhookSecret, Dump(connection, table));
            }
        }

        // The instance lock file is held exclusively and stays empty; every other file is read byte by byte.
        Assert.Equal(0, new FileInfo(rig.DatabasePath + "-lock").Length);
        foreach (var file in Directory.GetFiles(rig.Directory.Path).Where(f => !f.EndsWith("-lock", StringComparison.Ordinal)))
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(Secret, bytes);
            Assert.DoesNotContain(Token[..20], bytes);
            Assert.DoesNotContain(WebhookSecret, bytes);
        }
    }

    private static string Dump(Microsoft.Data.Sqlite.SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table};";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetValue(i) is byte[] blob ? Encoding.UTF8.GetString(blob) : Convert.ToString(reader.GetValue(i))).Append('|');
            }
        }

        return text.ToString();
    }
}
