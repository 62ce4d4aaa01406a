using System.Net;
using KioskAgent.Auth;
using KioskAgent.ProofTests.Support;
using KioskAgent.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KioskAgent.ProofTests.Security;

/// <summary>
/// Object-level authorization: every kiosk route of the OpenAPI document × tokens for two kiosks (and "*") × every
/// scope set. A token reaches a kiosk's route only when it covers the kiosk and carries the route's scope.
/// </summary>
public sealed class AuthorizationMatrixTests(ProofAgent agent, ITestOutputHelper output) : IClassFixture<ProofAgent>
{
    private static readonly string[] Targets = [AgentFactory.KioskId, ProofAgent.SecondKioskId];
    private static readonly string[] KioskClaims = [AgentFactory.KioskId, ProofAgent.SecondKioskId, Scopes.AllKiosks];
    private static readonly string[][] ScopeSets = [[], [Scopes.Read], [Scopes.Maintain], [Scopes.Read, Scopes.Maintain]];

    [Fact]
    public async Task No_token_reaches_another_kiosk_or_a_route_outside_its_scope()
    {
        var client = agent.CreateClient();
        var routes = (await OpenApiRoutes.ReadAsync(client)).Where(r => r.Template.StartsWith("/api/kiosk/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(routes);
        var required = routes.ToDictionary(r => r, RequiredScopeOf);

        int cells = 0, allowed = 0, crossTwoXx = 0;
        var wrong = new List<string>();
        foreach (var kiosks in KioskClaims)
        {
            foreach (var scopes in ScopeSets)
            {
                var integrator = new Integrator($"matrix-{kiosks}-{string.Join('+', scopes)}", [kiosks], scopes);
                using var tokenClient = agent.ClientFor(integrator);
                foreach (var target in Targets)
                {
                    foreach (var route in routes)
                    {
                        cells++;
                        var permitted = (kiosks == target || kiosks == Scopes.AllKiosks) && scopes.Contains(required[route]);
                        using var response = await tokenClient.SendForStatusAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.PathFor(target)));
                        var status = (int)response.StatusCode;
                        if (permitted)
                        {
                            allowed++;
                            if (status is 401 or 403 || status >= 500)
                            {
                                wrong.Add($"{integrator.ClientId} refused on {route} of {target}: {status}");
                            }
                        }
                        else if (status < 300)
                        {
                            crossTwoXx++;
                            wrong.Add($"{integrator.ClientId} got {status} on {route} of {target}");
                        }
                        else if (status != 403)
                        {
                            wrong.Add($"{integrator.ClientId} on {route} of {target}: expected 403, got {status}");
                        }
                    }
                }
            }
        }

        Figure.Print(output, "authorization matrix", $"{routes.Count} routes × {KioskClaims.Length * ScopeSets.Length} tokens × {Targets.Length} kiosks = {cells} requests, "
            + $"{allowed} permitted, {crossTwoXx} cross-kiosk or cross-scope 2xx");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>
    /// The scope a documented route declares; a route without one (or not behind the kiosk access filter) fails here,
    /// so a route added later without a policy breaks this test before it ships.
    /// </summary>
    private string RequiredScopeOf(ApiRoute route)
    {
        var endpoints = agent.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => "/" + e.RoutePattern.RawText?.TrimStart('/') == route.Template
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains(route.Method) == true)
            .ToList();
        var endpoint = Assert.Single(endpoints);
        Assert.True(endpoint.Metadata.GetMetadata<KioskAccessRequired>() is not null, $"{route} is not behind the kiosk access filter");
        var scope = endpoint.Metadata.GetMetadata<RequiredScope>();
        Assert.True(scope is not null, $"{route} declares no RequiredScope: the kiosk access filter would refuse it, and no policy says who may call it");
        Assert.Contains(scope.Scope, Scopes.All);
        return scope.Scope;
    }
}
