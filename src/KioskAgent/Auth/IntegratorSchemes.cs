using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KioskAgent.Auth;

/// <summary>
/// The framework's scheme provider with its answers to the questions asked on every request kept as finished tasks:
/// the authentication middleware asks for the request-handler schemes and the default scheme each time, and the
/// framework builds a new task (and, for the request handlers, a new list) per call. The schemes are fixed once the
/// host is built (<see cref="TokenValidation.AddIntegratorAuth"/>); adding or removing one drops the kept answers.
/// </summary>
public sealed class IntegratorSchemes(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    private Task<AuthenticationScheme?>? _defaultAuthenticate;
    private Task<IEnumerable<AuthenticationScheme>>? _requestHandlers;

    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() =>
        _defaultAuthenticate ??= base.GetDefaultAuthenticateSchemeAsync();

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        _requestHandlers ??= base.GetRequestHandlerSchemesAsync();

    public override void AddScheme(AuthenticationScheme scheme)
    {
        base.AddScheme(scheme);
        Forget();
    }

    public override bool TryAddScheme(AuthenticationScheme scheme)
    {
        var added = base.TryAddScheme(scheme);
        Forget();
        return added;
    }

    public override void RemoveScheme(string name)
    {
        base.RemoveScheme(name);
        Forget();
    }

    private void Forget()
    {
        _defaultAuthenticate = null;
        _requestHandlers = null;
    }
}
