using KioskAgent.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests;

/// <summary>The scheme provider keeps its per-request answers as finished tasks, and drops them when the schemes change.</summary>
public sealed class IntegratorSchemesTests
{
    [Fact]
    public async Task AnswersAreKeptUntilTheSchemesChange()
    {
        var options = new AuthenticationOptions { DefaultScheme = IntegratorBearerHandler.SchemeName };
        options.AddScheme<IntegratorBearerHandler>(IntegratorBearerHandler.SchemeName, null);
        var schemes = new IntegratorSchemes(Options.Create(options));

        var first = schemes.GetDefaultAuthenticateSchemeAsync();
        Assert.Same(first, schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.Equal(IntegratorBearerHandler.SchemeName, (await first)?.Name);
        var handlers = schemes.GetRequestHandlerSchemesAsync();
        Assert.Same(handlers, schemes.GetRequestHandlerSchemesAsync());
        Assert.Empty(await handlers); // the bearer handler is not a request handler

        schemes.AddScheme(new AuthenticationScheme("Other", null, typeof(RequestHandler)));
        Assert.Single(await schemes.GetRequestHandlerSchemesAsync());

        schemes.RemoveScheme(IntegratorBearerHandler.SchemeName);
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    private sealed class RequestHandler : IAuthenticationRequestHandler
    {
        public Task<bool> HandleRequestAsync() => Task.FromResult(false);

        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context) => Task.CompletedTask;

        public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
