using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CsCheck;
using KioskAgent.ProofTests.Support;
using KioskAgent.Tests.Support;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Security;

/// <summary>
/// testing.md's JWT cases and at least 10,000 random mutations of a valid token, against every protected route of
/// the OpenAPI document: none may be answered 2xx, none 5xx, every refusal in the envelope.
/// </summary>
public sealed class TokenBatteryTests(ProofAgent agent, ITestOutputHelper output) : IClassFixture<ProofAgent>
{
    private const int Mutations = 10_000;
    private const int MinimumDistinct = 10_000;

    [Fact]
    public async Task No_forged_or_mutated_token_is_accepted_on_any_protected_route()
    {
        var client = agent.CreateClient();
        var routes = await OpenApiRoutes.ProtectedAsync(client);
        Assert.True(routes.Count >= 3, $"the document lists only {routes.Count} protected routes: {string.Join(", ", routes)}");

        var original = agent.TokenFor(AgentFactory.Maintainer);
        await AssertAcceptedEverywhereAsync(client, routes, original);

        var key = ((SymmetricSecurityKey)agent.SigningKey).Key;
        var others = new[] { agent.TokenFor(AgentFactory.Reader), agent.TokenFor(AgentFactory.Stranger), agent.TokenFor(AgentFactory.Maintainer) };
        var mutations = new TokenMutations(original, others, key);
        var generated = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        // CsCheck favours small numbers, so some draws repeat a token: sample in rounds until enough distinct ones (bounded).
        var drawn = 0;
        for (var round = 0; round < 10 && generated.Count < MinimumDistinct + 500; round++)
        {
            TokenMutations.Gen.Sample((kind, a, b, c) =>
            {
                generated.TryAdd(mutations.Mutate(kind, a, b, c), kind);
            }, iter: Mutations);
            drawn += Mutations;
        }

        // A mutation that gives back the original (or another genuinely issued token) is not a forgery: validated once, skipped.
        foreach (var genuine in others.Append(original))
        {
            generated.TryRemove(genuine, out _);
        }

        Assert.True(generated.Count >= MinimumDistinct, $"only {generated.Count} distinct mutated tokens");
        var forge = () => new TokenForge(agent.AuthOptions.Issuer, agent.AuthOptions.Audience, AgentFactory.Maintainer.ClientId, DateTimeOffset.UtcNow);
        var cases = JwtCases.All.Select(c => (Token: JwtCases.Token(c, forge, key), Label: "testing.md: " + c)).ToList();
        var tokens = cases.Concat(generated.Select(g => (Token: g.Key, Label: TokenMutations.KindName(g.Value)))).ToList();

        var statuses = new ConcurrentDictionary<int, int>();
        var accepted = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tokens.SelectMany(t => routes.Select(r => (t.Token, t.Label, Route: r))), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(item.Route.Method), item.Route.PathFor(AgentFactory.KioskId));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + item.Token);
            using var response = await client.SendForStatusAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status < 300)
            {
                accepted.Add($"{item.Label} on {item.Route}: {item.Token}");
            }
            else if (status is not (401 or 403) || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                failures.Add($"{item.Label} on {item.Route}: {status} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });

        var fivexx = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        Figure.Print(output, "token battery", $"{tokens.Count} tokens × {routes.Count} routes, {accepted.Count} accepted, {fivexx} 5xx "
            + $"({cases.Count} testing.md cases + {generated.Count} distinct mutations of {drawn} generated; "
            + $"replies {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; {clock.Elapsed.TotalSeconds:0.0} s)");
        Assert.True(accepted.IsEmpty, $"{accepted.Count} accepted, e.g. {string.Join(Environment.NewLine, accepted.Take(5))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} replies not 401/403 in the envelope, e.g. {string.Join(Environment.NewLine, failures.Take(5))}");
    }

    [Fact]
    public async Task Every_protected_route_refuses_a_request_without_a_token()
    {
        var client = agent.CreateClient();
        foreach (var route in await OpenApiRoutes.ProtectedAsync(client))
        {
            using var response = await client.SendForStatusAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.PathFor(AgentFactory.KioskId)));
            Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_padded_segment_is_another_spelling_of_the_token_and_is_refused(int segment)
    {
        // Found by the battery: the library decoded padded base64url, so a valid token had accepted variants.
        var parts = agent.TokenFor(AgentFactory.Maintainer).Split('.');
        parts[segment] += new string('=', (4 - (parts[segment].Length % 4)) % 4 is 0 ? 4 : (4 - (parts[segment].Length % 4)) % 4);
        using var response = await agent.ClientWithToken(string.Join('.', parts)).GetAsync($"/api/kiosk/{AgentFactory.KioskId}/status");
        Assert.Equal("unauthorized", await response.ErrorCodeAsync(HttpStatusCode.Unauthorized));
    }

    /// <summary>
    /// The control: the original token is accepted on every route (not 401/403, no 5xx; an unknown operation may be
    /// 404), so each refusal above is the mutation's doing.
    /// </summary>
    private static async Task AssertAcceptedEverywhereAsync(HttpClient client, IReadOnlyList<ApiRoute> routes, string token)
    {
        foreach (var route in routes.Where(r => r.Method == "GET"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route.PathFor(AgentFactory.KioskId));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await client.SendForStatusAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is not (401 or 403) && status < 500, $"the unmutated token was refused on {route}: {status}");
        }
    }
}
