using System.Net;
using KioskAgent.Journal.Entries;

namespace KioskAgent.Journal.Recording;

/// <summary>Where the token route reports each attempt. Never waits on the disk; never receives a secret.</summary>
public interface IAuthenticationJournal
{
    void Record(AuthenticationAttempt attempt);
}

/// <summary>One attempt to obtain a token.</summary>
/// <param name="ClientId">The client id as submitted.</param>
/// <param name="ClientKnown">Whether it is a configured integrator; an unknown id is not kept (see <see cref="AuthenticationDetail"/>).</param>
/// <param name="Origin">The caller's IP address; anything that does not parse as one is not kept.</param>
/// <param name="Outcome">What the route answered.</param>
public sealed record AuthenticationAttempt(string? ClientId, bool ClientKnown, string? Origin, AuthenticationOutcome Outcome)
{
    internal AuthenticationDetail ToDetail() => new(
        ClientKnown ? ClientId : null,
        ClientKnown && ClientId is not null,
        IPAddress.TryParse(Origin, out var address) ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null,
        Outcome);
}
