using System.Security.Cryptography;
using KioskAgent.Auth;
using KioskAgent.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KioskAgent.Tests;

/// <summary>
/// The cache in front of JWT validation: a token is validated in full on first sight, served from the cache only
/// until its exp, never cached when invalid, and the cache never holds more than its capacity.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly AuthOptions Auth = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task RepeatedTokenIsServedFromTheCacheUntilItsExpiry()
    {
        var cache = new ValidatedTokenCache(_clock);
        var forge = Forge(DateTimeOffset.UtcNow);
        var token = forge.SignHs256(Key);

        var first = await Validate(cache, token);
        var second = await Validate(cache, token);

        Assert.NotNull(first.Principal);
        Assert.NotNull(second.Principal);
        Assert.Same(first.Principal, second.Principal); // the principal built by the first validation: a hit
        Assert.Equal(AgentFactory.Maintainer.ClientId, second.Principal.Integrator);
        Assert.Equal(1, cache.Count);

        _clock.Now = DateTimeOffset.FromUnixTimeSeconds((long)forge.Payload["exp"]!);
        Assert.False(cache.TryGet(token, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKeyIsNotCachedEvenWhenItsTwinIs()
    {
        var cache = new ValidatedTokenCache(_clock);
        var forge = Forge(DateTimeOffset.UtcNow);
        Assert.NotNull((await Validate(cache, forge.SignHs256(Key))).Principal);

        var forged = forge.SignHs256(RandomNumberGenerator.GetBytes(32));
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>((await Validate(cache, forged)).Failure);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>((await Validate(cache, forged)).Failure);
        Assert.False(cache.TryGet(forged, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ExpiredTokenIsRefusedAndNotCached()
    {
        var cache = new ValidatedTokenCache(_clock);
        var expired = Forge(DateTimeOffset.UtcNow.AddHours(-2)).SignHs256(Key);

        Assert.IsType<SecurityTokenExpiredException>((await Validate(cache, expired)).Failure);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task CacheHoldsAtMostItsCapacityAndStillValidatesTheRest()
    {
        var cache = new ValidatedTokenCache(_clock, capacity: 3);
        for (var i = 0; i < 8; i++)
        {
            var result = await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
            Assert.NotNull(result.Principal);
            Assert.True(cache.Count <= 3);
        }

        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task FullCacheMakesRoomByDroppingExpiredEntries()
    {
        var cache = new ValidatedTokenCache(_clock, capacity: 2);
        await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
        await Validate(cache, Forge(DateTimeOffset.UtcNow).SignHs256(Key));
        _clock.Now = DateTimeOffset.UtcNow.AddHours(2); // both cached tokens are past their exp for the cache

        var later = Forge(DateTimeOffset.UtcNow.AddMinutes(-1));
        later.Payload["exp"] = DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeSeconds();
        var token = later.SignHs256(Key);
        Assert.NotNull((await Validate(cache, token)).Principal);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(token, out _));
    }

    private static TokenForge Forge(DateTimeOffset now) => new(Auth.Issuer, Auth.Audience, AgentFactory.Maintainer.ClientId, now);

    private ValueTask<TokenCheck> Validate(ValidatedTokenCache cache, string token)
    {
        var options = Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(Key) });
        return new IntegratorTokenValidator(options, new SigningKeys(options), cache, _clock).Validate(token);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
